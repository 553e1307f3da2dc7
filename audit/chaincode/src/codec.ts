/** Strict parsing of transaction arguments (all arrive as strings). */
import { LedgerContractError } from './errors';
import { REGION_PATTERN } from './config';

/** Most leaves an Append may carry; bigger batches are split by the client. */
export const MAX_BATCH = 1000;
/** Largest leaf accepted, in bytes. A commitment leaf is a few hundred bytes. */
export const MAX_LEAF_BYTES = 4096;
/** Most entries one GetEntries / GetEntriesByRef call returns. */
export const MAX_ENTRIES_PER_QUERY = 1000;
/** Largest signed checkpoint note accepted, in bytes. */
export const MAX_NOTE_BYTES = 16384;

const INTEGER = /^(0|[1-9][0-9]{0,15})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function parseRegion(region: string): string {
  if (typeof region !== 'string' || !REGION_PATTERN.test(region)) {
    throw new LedgerContractError('MALFORMED', 'region must be 1-32 characters of a-z, 0-9 and -, starting with a letter', { length: String(region).length });
  }
  return region;
}

export function parseCount(value: string, field: string): number {
  if (typeof value !== 'string' || !INTEGER.test(value)) {
    throw new LedgerContractError('MALFORMED', 'expected a decimal integer without sign or leading zeros', { field });
  }
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new LedgerContractError('MALFORMED', 'integer is beyond 2^53', { field });
  return n;
}

/** Canonical, padded standard base64 only: one string, one byte sequence. */
export function parseBase64(value: unknown, field: string): Buffer {
  if (typeof value !== 'string' || !BASE64.test(value)) {
    throw new LedgerContractError('MALFORMED', 'expected canonical padded base64', { field });
  }
  return Buffer.from(value, 'base64');
}

export function parseJson(value: string, field: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new LedgerContractError('MALFORMED', 'argument is not valid JSON', { field });
  }
}

/** An Append payload: a JSON array of base64 leaves, 1..MAX_BATCH of them. */
export function parseLeaves(leavesJson: string): Buffer[] {
  const raw = parseJson(leavesJson, 'leaves');
  if (!Array.isArray(raw)) throw new LedgerContractError('MALFORMED', 'leaves must be a JSON array of base64 strings');
  if (raw.length === 0) throw new LedgerContractError('MALFORMED', 'an append needs at least one leaf');
  if (raw.length > MAX_BATCH) {
    throw new LedgerContractError('MALFORMED', 'too many leaves in one append', { count: raw.length, max: MAX_BATCH });
  }
  return raw.map((v: unknown, i: number) => {
    const leaf = parseBase64(v, `leaves[${i}]`);
    if (leaf.length === 0) throw new LedgerContractError('MALFORMED', 'a leaf may not be empty', { position: i });
    if (leaf.length > MAX_LEAF_BYTES) {
      throw new LedgerContractError('MALFORMED', 'leaf too large', { position: i, bytes: leaf.length, max: MAX_LEAF_BYTES });
    }
    return leaf;
  });
}
