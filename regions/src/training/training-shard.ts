import { createHmac } from 'node:crypto';

/**
 * How many SISA shards (Bourtoule et al. 2021, "Machine Unlearning") each
 * region's training corpus is cut into. Changing it reassigns subjects, so
 * lineage records the shard of every (round, subject) as it was then.
 */
export const TRAINING_SHARDS = 8;

/** The shard key, derived from the region's blind-index key in its own HMAC domain. */
function shardKey(blindIndexKey: Uint8Array): Buffer {
  return createHmac('sha256', blindIndexKey).update('meridian-training-shard-key/v1').digest();
}

/**
 * A subject's SISA shard: HMAC-SHA-256 of the subject id under a region key,
 * read as a 64-bit integer, modulo the shard count. Keyed, so the split is
 * fixed for the region but cannot be computed, or steered, by anyone without
 * its key; deterministic, so every round puts a subject in the same shard.
 * The modulo bias is below 2^-60 for any shard count used here. Pure.
 *
 * @example
 * const shardOf = trainingShards(node.keyring.blindIndexKey);
 * shardOf(subjectId); // 0 … TRAINING_SHARDS − 1
 */
export function trainingShards(blindIndexKey: Uint8Array, shards: number = TRAINING_SHARDS): (subjectId: string) => number {
  if (!Number.isSafeInteger(shards) || shards < 1) throw new RangeError('shard count must be a positive integer');
  const key = shardKey(blindIndexKey);
  return (subjectId) => Number(createHmac('sha256', key).update(subjectId.toLowerCase()).digest().readBigUInt64BE(0) % BigInt(shards));
}
