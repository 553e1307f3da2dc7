import { createHmac } from 'node:crypto';

/** The tombstone key, derived from the region's blind-index key in its own HMAC domain. */
function tombstoneKey(blindIndexKey: Uint8Array): Buffer {
  return createHmac('sha256', blindIndexKey).update('meridian-erasure-tombstone-key/v1').digest();
}

/**
 * The tombstones of an erased subject: keyed hashes (HMAC-SHA-256 under a key
 * derived from the region's blind-index key) of their subject id and of their
 * shop-id blind index. Neither identifier is stored; a restored row is matched
 * by hashing it the same way. Pure.
 *
 * @example
 * const digests = tombstoneDigests(node.keyring.blindIndexKey, subjectId, externalRefBidx);
 */
export function tombstoneDigests(blindIndexKey: Uint8Array, subjectId: string, externalRefBidx: Uint8Array | null): Uint8Array[] {
  const key = tombstoneKey(blindIndexKey);
  const out = [createHmac('sha256', key).update('subject_id\0').update(subjectId.toLowerCase()).digest()];
  if (externalRefBidx) out.push(createHmac('sha256', key).update('external_ref_bidx\0').update(externalRefBidx).digest());
  return out.map((b) => new Uint8Array(b));
}
