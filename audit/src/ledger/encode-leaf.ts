import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { LedgerLeaf } from './ledger-leaf.ts';
import { LEDGER_EVENT_TYPES } from './ledger-event-type.ts';

const REF_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const REGION = /^[a-z][a-z0-9-]{0,31}$/;
const META_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MAX_META_KEYS = 16;
const MAX_META_STRING = 256;

/**
 * The canonical bytes of a leaf: JSON with keys sorted, no whitespace,
 * commitment in base64, UTF-8. One input has exactly one encoding, so the
 * same event always hashes the same way and `decodeLeaf` can insist on it.
 * Refuses anything that could smuggle personal data in the clear: refIds and
 * meta strings cannot hold an `@`, and refIds no spaces either.
 *
 * @example
 * encodeLeaf({ v: 1, type: 'consent', region: 'eu', time: '2025-01-31T09:00:00.000Z',
 *   refId: 'req-42', commitment, meta: { purpose: 'model_training' } });
 */
export function encodeLeaf(leaf: LedgerLeaf): Uint8Array {
  const bad = (message: string, evidence: Record<string, string | number> = {}): never => {
    throw new MeridianError('BAD_INPUT', `ledger leaf: ${message}`, evidence);
  };
  if (leaf.v !== 1) bad('unknown leaf version', { version: String(leaf.v) });
  if (!(LEDGER_EVENT_TYPES as readonly string[]).includes(leaf.type)) bad('unknown event type', { type: String(leaf.type) });
  if (!REGION.test(leaf.region)) bad('region must be a short lower-case code', { field: 'region' });
  if (!ISO_TIME.test(leaf.time) || Number.isNaN(Date.parse(leaf.time))) bad('time must be ISO-8601 UTC with milliseconds', { field: 'time' });
  if (!REF_ID.test(leaf.refId)) bad('refId must be 1-128 characters of [A-Za-z0-9._:-]', { field: 'refId' });
  if (leaf.commitment.length !== 32) bad('commitment must be 32 bytes', { length: leaf.commitment.length });
  const keys = Object.keys(leaf.meta).sort();
  if (keys.length > MAX_META_KEYS) bad(`at most ${MAX_META_KEYS} meta fields`, { count: keys.length });
  const meta: Record<string, string | number | boolean> = {};
  for (const k of keys) {
    if (!META_KEY.test(k)) bad('meta keys must be identifiers', { field: 'meta' });
    const v = leaf.meta[k]!;
    if (typeof v === 'number' && !Number.isFinite(v)) bad('meta numbers must be finite', { field: `meta.${k}` });
    if (typeof v === 'string' && (v.length > MAX_META_STRING || v.includes('@'))) {
      bad(`meta strings must be at most ${MAX_META_STRING} characters and hold no e-mail address`, { field: `meta.${k}` });
    }
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') bad('meta values must be strings, numbers or booleans', { field: `meta.${k}` });
    meta[k] = v;
  }
  // Literal key order below is alphabetical: that, plus sorted meta keys, is the canonical form.
  const json = JSON.stringify({
    commitment: Buffer.from(leaf.commitment).toString('base64'),
    meta,
    refId: leaf.refId,
    region: leaf.region,
    time: leaf.time,
    type: leaf.type,
    v: 1,
  });
  return Buffer.from(json, 'utf8');
}
