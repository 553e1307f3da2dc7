import type { FitConfig } from '../strategy/strategy.ts';

/**
 * What the ledger proves about one round, written when its outcome commits.
 * Nothing personal: region ids, hashes and counts.
 */
export interface RoundRecord {
  federation: string;
  round: number;
  /** `aggregated`: a new global model; `failed`: too few updates, model unchanged. */
  outcome: 'aggregated' | 'failed';
  strategy: string;
  /** Name of the server-side aggregation step (e.g. `plain:fedavg`). */
  aggregator: string;
  config: FitConfig;
  modelIn: string;
  /** Equal to `modelIn` for a failed round. */
  modelOut: string;
  invited: readonly string[];
  contributors: readonly string[];
  /** Region → reason code, for invited regions that did not contribute. */
  failures: Readonly<Record<string, string>>;
  exampleCounts: Readonly<Record<string, number>>;
  totalExamples: number;
  /**
   * Privacy spent per contributing region in this round, once subject-level
   * DP lands (issue 5), taken from the updates' annotations.
   */
  privacy?: Readonly<Record<string, { epsilon: number; delta: number }>>;
  time: Date;
}
