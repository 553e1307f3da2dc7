import type { FastTextEngine } from '../model/fasttext-engine.ts';
import { addWeights } from '../model/add-weights.ts';
import type { ModelSpec } from '../model/model-spec.ts';
import type { Weights } from '../model/weights.ts';
import type { FitSchedule } from '../strategy/fit-schedule.ts';
import { trainLocal } from '../training/train-local.ts';
import type { TrainingExample } from '../training/training-example.ts';

/**
 * Trains one model without federation, for the quality comparison: on the
 * pooled data of all regions (centralized, the upper bound) or on one region's
 * data (local-only). It runs the same number of epochs as the federation
 * (rounds × local epochs) with the same linear learning-rate decay.
 *
 * @example
 * const central = await trainBaseline(spec, [...eu, ...sea, ...me], schedule, engine, initWeights(spec, 1));
 */
export async function trainBaseline(
  spec: ModelSpec,
  examples: readonly TrainingExample[],
  schedule: FitSchedule,
  engine: FastTextEngine,
  initial: Weights,
  seed = 0,
  onStep?: (done: number, total: number) => void,
): Promise<Weights> {
  const fit = await trainLocal(
    initial,
    examples,
    {
      round: 1,
      localEpochs: schedule.rounds * schedule.localEpochs,
      learningRate: schedule.learningRate,
      learningRateEnd: schedule.learningRateEnd ?? 0,
      proximalMu: 0,
      batchSize: schedule.batchSize,
    },
    { spec, region: 'baseline', engine, seed, onStep },
  );
  return addWeights(initial, fit.delta);
}
