import type { Weights } from '../model/weights.ts';

/** What a participant returns from local training in one round. */
export interface FitResult {
  region: string;
  /** Examples (or, under subject-level DP, bounded subject contributions) behind this update. */
  numExamples: number;
  /** The locally trained weights minus the round's global weights. */
  delta: Weights;
  metrics?: Record<string, number>;
}

/** Instructions to every participant for one round; the strategy does no networking. */
export interface FitConfig {
  round: number;
  localEpochs: number;
  /** Learning rate of the local optimizer at the start of the round. */
  learningRate: number;
  /**
   * Learning rate at the end of the round's local training, reached linearly
   * (omitted: constant). Strategies use it to spread one linear decay over all
   * rounds, the schedule fastText and the centralized baseline use.
   */
  learningRateEnd?: number;
  /** FedProx proximal term μ (0 disables it). */
  proximalMu: number;
  batchSize: number;
}

/**
 * An aggregation strategy (Flower style): it returns instructions and folds
 * `(results, failures)` into the next global weights. Pure; no I/O.
 */
export interface Strategy {
  readonly name: string;
  configureFit(round: number): FitConfig;
  aggregate(round: number, global: Weights, results: readonly FitResult[], failures: readonly string[]): Weights;
  /**
   * Server-side optimizer state (e.g. FedAdam's moments) for checkpoints, so a
   * coordinator that crashes between rounds resumes exactly. Stateless
   * strategies return `{}`.
   */
  exportState?(): Weights;
  importState?(state: Weights): void;
}
