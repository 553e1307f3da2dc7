import type { ColumnType, Selectable } from 'kysely';
import type { Json } from './federation.table.ts';

/**
 * Models a region adapted from a global model on its own training data
 * (personalised FL), addressed by the SHA-256 of their bytes (the
 * `serializeModel` format, whose metadata names the base model and region).
 * They stay in the region that made them.
 */
export interface RegionModelsTable {
  /** Lowercase hex SHA-256 of `bytes`. */
  hash: string;
  task: string;
  /** The global model (coordinator registry hash) this one was adapted from. */
  base_hash: string;
  /** The federated round that produced the base model (null for an initial model). */
  base_round: number | null;
  /** The adaptation budget: `{ epochs, learningRate, batchSize }`. */
  adaptation: Json<{ epochs: number; learningRate: number; batchSize: number }>;
  /** How many of the region's training examples it was adapted on. */
  examples: number;
  size_bytes: number;
  bytes: Uint8Array;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export type RegionModelRow = Selectable<RegionModelsTable>;
