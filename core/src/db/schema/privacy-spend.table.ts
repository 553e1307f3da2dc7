import type { ColumnType, Generated } from 'kysely';

/** One round of subject-level DP training a region released for a model (see migration 0009). */
export interface PrivacySpendTable {
  id: Generated<string>;
  region: string;
  model: string;
  federation: string;
  round: number;
  sample_rate: number;
  noise_multiplier: number;
  steps: number;
  clip_norm: number;
  /** Cumulative ε of the model after this round, at `delta` (display; the events are the truth). */
  epsilon: number;
  delta: number;
  recorded_at: ColumnType<Date, Date | undefined, never>;
}
