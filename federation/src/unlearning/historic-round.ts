import type { FitConfig } from '../strategy/strategy.ts';

/**
 * One round of a federation as it stands now: the coordinator's round row,
 * with the model hashes of any committed rollback-and-retrain run in place of
 * the ones it replaced (so a second unlearning starts from the retrained
 * chain, never from models that still hold erased data).
 */
export interface HistoricRound {
  round: number;
  /** `open`: fit phase running (not settled); `failed`: the model stayed; `evaluating`/`closed`: aggregated. */
  status: 'open' | 'evaluating' | 'closed' | 'failed';
  /** The strategy that aggregated it (`fedavg`, `fedprox`, `fedadam`). */
  strategy: string;
  /** The FitConfig every participant trained with: the replay uses it verbatim. */
  config: FitConfig;
  invited: readonly string[];
  /** Regions whose updates went into the aggregate. */
  contributors: readonly string[];
  modelIn: string;
  modelOut: string | null;
}
