import type { FitConfig } from './strategy.ts';

/**
 * The training plan a strategy hands out: one linear learning-rate decay from
 * `learningRate` to `learningRateEnd` spread over all `rounds`, each round
 * getting its slice (the same schedule as centralized training over the same
 * number of epochs, which keeps the comparison fair).
 */
export interface FitSchedule {
  rounds: number;
  localEpochs: number;
  learningRate: number;
  /** Default 0 (decay to zero, as fastText). */
  learningRateEnd?: number;
  batchSize: number;
}

/**
 * FitConfig of a round under a schedule.
 *
 * @example
 * fitConfigFor({ rounds: 10, localEpochs: 1, learningRate: 0.03, batchSize: 64 }, 1, 0);
 * // { round: 1, learningRate: 0.03, learningRateEnd: 0.027, ... }
 */
export function fitConfigFor(schedule: FitSchedule, round: number, proximalMu: number): FitConfig {
  const end = schedule.learningRateEnd ?? 0;
  const at = (r: number): number => schedule.learningRate + ((end - schedule.learningRate) * Math.min(Math.max(r, 0), schedule.rounds)) / schedule.rounds;
  return {
    round,
    localEpochs: schedule.localEpochs,
    learningRate: at(round - 1),
    learningRateEnd: at(round),
    proximalMu,
    batchSize: schedule.batchSize,
  };
}
