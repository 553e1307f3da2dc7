import type { DbOrTrx } from '@meridian/core/db/database.ts';
import type { Weights } from '../model/weights.ts';
import type { ModelCodec } from './model-codec.ts';
import type { ModelVersion } from './model-version.ts';

/**
 * Global model versions, addressed by content hash (SHA-256 of the codec's
 * bytes): the same weights always get the same hash, a hash can be checked
 * by anyone who downloads the bytes, and the ledger can name a model by it.
 *
 * `put` takes the caller's `db | trx` so a new model commits together with
 * the round that produced it and the coordinator's checkpoint.
 *
 * @example
 * const v = await registry.put(trx, weights, { federation: 'intent', parentHash, round: 4 });
 * const again = await registry.get(v.hash);
 */
export interface ModelRegistry {
  readonly codec: ModelCodec;
  /**
   * Stores weights (idempotent: an existing hash keeps its first lineage) and
   * returns their version with the encoded bytes, so a caller that serves the
   * model right away need not read it back.
   */
  put(q: DbOrTrx, weights: Weights, lineage: { federation: string; parentHash: string | null; round: number | null }): Promise<ModelVersion & { bytes: Uint8Array }>;
  /** The stored bytes, checked against their hash on the way out. */
  bytes(hash: string): Promise<Uint8Array | undefined>;
  get(hash: string): Promise<Weights | undefined>;
  version(hash: string): Promise<ModelVersion | undefined>;
  /** Every version of a federation, oldest first. */
  history(federation: string): Promise<ModelVersion[]>;
}
