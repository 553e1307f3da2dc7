import type { ColumnType, Selectable } from 'kysely';

/** A JSON value stored in a `jsonb` column: read back parsed, written as its JSON text (pg would turn a JS array into a Postgres array). */
export type Json<T> = ColumnType<T, string, string>;

/** Where a federated round is. `failed` rounds changed no model; `closed` rounds did and were evaluated. */
export type FederationRoundStatus = 'open' | 'evaluating' | 'closed' | 'failed';

/**
 * Global model versions of the coordinator's registry, addressed by the
 * SHA-256 of their bytes. Model weights are aggregates of region updates: no
 * personal data, and nothing here links to a person.
 */
export interface FederationModelsTable {
  /** Lowercase hex SHA-256 of `bytes`. */
  hash: string;
  federation: string;
  /** The global model this one was aggregated from (null for an initial model). */
  parent_hash: string | null;
  /** The round whose aggregation produced it (null for an initial model). */
  round: number | null;
  /** Name of the codec that wrote `bytes` (e.g. `raw-weights-v1`). */
  codec: string;
  size_bytes: number;
  bytes: Uint8Array;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** One row per round of a federation: its plan, who took part, what went in and came out. */
export interface FederationRoundsTable {
  federation: string;
  round: number;
  status: FederationRoundStatus;
  strategy: string;
  /** The FitConfig every participant trained with. */
  config: Json<Record<string, number>>;
  /** Regions invited when the round opened. */
  invited: Json<string[]>;
  /** Regions whose updates were aggregated. */
  contributors: Json<string[]>;
  /** Invited regions that did not contribute, with a reason code (`timeout`, `reported:<code>`, ...). */
  failures: Json<Record<string, string>>;
  /** Examples behind each contributor's update. */
  example_counts: Json<Record<string, number>>;
  total_examples: number;
  model_in: string;
  model_out: string | null;
  /** Evaluation of `model_out` reported by the regions: per region and their example-weighted mean. */
  evaluation: ColumnType<RoundEvaluationJson | null, string | null, string | null>;
  failure_reason: string | null;
  /** How many times the fit phase was started (1, plus one per coordinator restart during it). */
  attempts: number;
  /** Index of the round's entry in the coordinator's ledger, when one records it. */
  ledger_index: number | null;
  opened_at: Date;
  deadline_at: Date;
  aggregated_at: Date | null;
  closed_at: Date | null;
}

/** Shape of `federation_rounds.evaluation`. */
export interface RoundEvaluationJson {
  regions: Record<string, { numExamples: number; metrics: Record<string, number> }>;
  mean: Record<string, number>;
  numExamples: number;
}

/**
 * The coordinator's checkpoint, one row per federation: the last round whose
 * outcome is committed, the global model after it and the strategy's server
 * state. It changes in the same transaction as the round it reflects, so a
 * restarted coordinator resumes exactly there.
 */
export interface FederationCheckpointsTable {
  federation: string;
  round: number;
  model_hash: string;
  strategy: string;
  /** `exportState()` of the strategy, in the raw weights encoding. */
  strategy_state: Uint8Array;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export type FederationRoundRow = Selectable<FederationRoundsTable>;
export type FederationCheckpointRow = Selectable<FederationCheckpointsTable>;
export type FederationModelRow = Selectable<FederationModelsTable>;
