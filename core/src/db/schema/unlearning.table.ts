import type { ColumnType } from 'kysely';
import type { Json } from './federation.table.ts';

/**
 * What an erasure left for model unlearning, per request and federation: only
 * non-personal facts read from lineage before the subject's rows went (from
 * which round, which rounds, how many messages, which SISA shards). Never the
 * subject id.
 */
export interface UnlearningRequestsTable {
  request_id: string;
  federation: string;
  /** The subject's first round in this federation: the rollback goes to the model before it. */
  from_round: number;
  /** Every round the subject's messages went into (sorted). */
  rounds: Json<number[]>;
  /** Messages of the subject summed over those rounds. */
  messages: number;
  /** The SISA shards the subject was assigned (one unless the shard count changed). */
  shards: Json<number[]>;
  /** `pending` → `running` (a run covers it) → `done`, or `not_needed` (no aggregated round used the data). */
  status: 'pending' | 'running' | 'done' | 'not_needed';
  run_id: string | null;
  enqueued_at: Date;
  /** When the batch that covers it is scheduled (the policy's next window). */
  due_at: Date;
}

/** One batched rollback-and-retrain of a federation, as the region's durable worker drives it. */
export interface UnlearningRunsTable {
  id: string;
  federation: string;
  step: 'retrain' | 'done';
  /** Earliest affected round over the requests the run covers. */
  from_round: number;
  requests: number;
  /** What was done (see `UnlearningOutcome`); null until the retrain returned. */
  outcome: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  attempts: number;
  last_error: string | null;
  run_after: Date;
  created_at: Date;
  finished_at: Date | null;
}

/**
 * The coordinator's record of each rollback-and-retrain: which round it rolled
 * back to, the model of every retrained round (`rounds`, appended as the
 * replay goes so a crashed run resumes), and the checkpoint it replaced. A
 * federation's effective history is its rounds overridden by its committed
 * runs in generation order.
 */
export interface FederationUnlearningRunsTable {
  federation: string;
  generation: number;
  run_id: string;
  status: 'retraining' | 'committed';
  /** The round whose output model the replay started from (0: the initial model). */
  rolled_back_to: number;
  /** The last round replayed (the checkpoint's round when the run started). */
  to_round: number;
  previous_model_hash: string;
  model_hash: string | null;
  rounds: Json<{ round: number; modelIn: string; modelOut: string | null }[]>;
  started_at: Date;
  committed_at: Date | null;
}
