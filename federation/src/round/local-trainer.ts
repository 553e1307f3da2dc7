import type { Weights } from '../model/weights.ts';
import type { FitConfig, FitResult } from '../strategy/strategy.ts';

/** What a participant knows about the round it trains for, besides the weights and the FitConfig. */
export interface LocalTrainingContext {
  federation: string;
  round: number;
  /** Content hash of `global` in the coordinator's registry (verified on download). */
  modelHash: string;
  /** Aborted when the participant stops; long training should check it between steps. */
  signal: AbortSignal;
}

/**
 * Local training on a region node, Flower's `fit`: from the round's global
 * weights and FitConfig to a FitResult (the delta local − global and the
 * examples behind it). Everything personal stays inside this function; only
 * its FitResult goes on, through the `UpdateTransform` pipeline, to the
 * coordinator. Subject-level DP lives inside it (clipping and noise per step,
 * see `GradientTransform`); throwing a `MeridianError` (e.g.
 * `BUDGET_EXCEEDED`) makes the participant report a failure code for the
 * round instead of an update.
 *
 * @example
 * const trainer: LocalTrainer = (global, config) =>
 *   trainLocal(global, examples, config, { spec, region: 'eu', engine });
 */
export type LocalTrainer = (global: Weights, config: FitConfig, context: LocalTrainingContext) => Promise<FitResult> | FitResult;
