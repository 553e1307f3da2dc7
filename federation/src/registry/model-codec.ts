import type { Weights } from '../model/weights.ts';

/**
 * How global weights become the bytes the registry stores and hashes. The
 * encoding must be deterministic (same weights → same bytes → same hash), so
 * that a model's hash is its identity on every node and on the ledger.
 */
export interface ModelCodec {
  /** Stored next to the bytes; a reader with another codec refuses them. */
  readonly name: string;
  encode(weights: Weights): Uint8Array;
  decode(bytes: Uint8Array): Weights;
}
