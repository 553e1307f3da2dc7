/**
 * The chaincode's check of Meridian leaf bytes.
 *
 * A leaf is the canonical JSON written by `audit/src/ledger/encode-leaf.ts`
 * (sorted keys, no whitespace, base64 commitment). The chaincode cannot import
 * that ESM module, so the same rules are restated here; the test
 * `test/leaf-agreement.test.ts` feeds both implementations the same inputs and
 * requires the same verdicts. The check is what keeps personal data off the
 * chain structurally: a closed set of fields, refIds and meta strings that
 * cannot hold an e-mail address, a 32-byte commitment instead of content.
 */
import { LedgerContractError } from './errors';

export const LEAF_EVENT_TYPES = [
  'interaction',
  'consent',
  'erasure',
  'rectification',
  'restriction',
  'access',
  'rights_request',
  'training_round',
  'model_release',
  'key_rotation',
  'retention',
] as const;

const REF_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const REGION = /^[a-z][a-z0-9-]{0,31}$/;
const META_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MAX_META_KEYS = 16;
const MAX_META_STRING = 256;

export interface InspectedLeaf {
  type: string;
  region: string;
  refId: string;
  time: string;
}

/**
 * Validates one leaf of an append to `region` and returns its indexable
 * fields. `position` is the leaf's place in the batch, for the error evidence.
 */
export function inspectLeaf(bytes: Uint8Array, region: string, position: number): InspectedLeaf {
  const bad = (reason: string, evidence: Record<string, string | number> = {}): never => {
    throw new LedgerContractError('MALFORMED', `leaf ${reason}`, { position, ...evidence });
  };
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return bad('is not UTF-8 JSON');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return bad('is not a JSON object');
  const o = raw as Record<string, unknown>;
  if (o.v !== 1) bad('has an unknown version');
  if (typeof o.type !== 'string' || !(LEAF_EVENT_TYPES as readonly string[]).includes(o.type)) bad('has an unknown event type');
  if (typeof o.region !== 'string' || !REGION.test(o.region)) bad('region is not a region code');
  if (o.region !== region) bad('belongs to another region', { region: String(o.region) });
  if (typeof o.time !== 'string' || !ISO_TIME.test(o.time) || Number.isNaN(Date.parse(o.time))) bad('time is not ISO-8601 UTC with milliseconds');
  if (typeof o.refId !== 'string' || !REF_ID.test(o.refId)) bad('refId is not 1-128 characters of [A-Za-z0-9._:-]');
  if (typeof o.commitment !== 'string' || Buffer.from(o.commitment, 'base64').length !== 32) bad('commitment is not 32 bytes of base64');
  if (!o.meta || typeof o.meta !== 'object' || Array.isArray(o.meta)) bad('meta is not an object');
  const metaIn = o.meta as Record<string, unknown>;
  const metaKeys = Object.keys(metaIn).sort();
  if (metaKeys.length > MAX_META_KEYS) bad('has too many meta fields', { count: metaKeys.length });
  const meta: Record<string, string | number | boolean> = {};
  for (const k of metaKeys) {
    const v = metaIn[k];
    if (!META_KEY.test(k)) bad('meta key is not an identifier');
    if (typeof v === 'number' && !Number.isFinite(v)) bad('meta number is not finite');
    if (typeof v === 'string' && (v.length > MAX_META_STRING || v.includes('@'))) bad('meta string is too long or holds an e-mail address');
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') bad('meta value is not a string, number or boolean');
    meta[k] = v as string | number | boolean;
  }
  const canonical = JSON.stringify({
    commitment: Buffer.from(o.commitment as string, 'base64').toString('base64'),
    meta,
    refId: o.refId,
    region: o.region,
    time: o.time,
    type: o.type,
    v: 1,
  });
  if (!Buffer.from(canonical, 'utf8').equals(Buffer.from(bytes))) bad('is not in canonical form');
  return { type: o.type as string, region: o.region as string, refId: o.refId as string, time: o.time as string };
}
