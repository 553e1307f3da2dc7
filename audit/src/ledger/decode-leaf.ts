import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { LedgerLeaf } from './ledger-leaf.ts';
import { encodeLeaf } from './encode-leaf.ts';

/**
 * Reads leaf bytes back, refusing anything that is not the canonical
 * encoding `encodeLeaf` would produce for the same content.
 *
 * @example
 * const { type, refId, time } = decodeLeaf(entry.leaf);
 */
export function decodeLeaf(bytes: Uint8Array): LedgerLeaf {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new MeridianError('BAD_INPUT', 'ledger leaf is not UTF-8 JSON', { length: bytes.length });
  }
  const o = raw as Record<string, unknown>;
  if (typeof o !== 'object' || o === null || typeof o.commitment !== 'string' || typeof o.meta !== 'object' || o.meta === null) {
    throw new MeridianError('BAD_INPUT', 'ledger leaf has the wrong shape', { length: bytes.length });
  }
  const leaf = {
    v: o.v,
    type: o.type,
    region: o.region,
    time: o.time,
    refId: o.refId,
    commitment: Buffer.from(o.commitment, 'base64'),
    meta: o.meta,
  } as LedgerLeaf;
  if (!Buffer.from(encodeLeaf(leaf)).equals(bytes)) {
    throw new MeridianError('BAD_INPUT', 'ledger leaf is not in canonical form', { length: bytes.length });
  }
  return leaf;
}
