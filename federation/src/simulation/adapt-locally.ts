import type { FastTextEngine } from '../model/fasttext-engine.ts';
import { addWeights } from '../model/add-weights.ts';
import type { ModelSpec } from '../model/model-spec.ts';
import type { Weights } from '../model/weights.ts';
import { trainLocal } from '../training/train-local.ts';
import type { TrainingExample } from '../training/training-example.ts';

/**
 * The budget of a local adaptation (personalisation) step: `epochs` passes
 * over the region's own training data, the learning rate decaying linearly
 * from `learningRate` to 0, batch `batchSize`, fresh lazy Adam.
 */
export interface LocalAdaptation {
  epochs: number;
  learningRate: number;
  batchSize: number;
}

/**
 * "Federated + local adaptation" (Wang et al. 2019, "Federated Evaluation of
 * On-Device Personalization"; Yu et al. 2020, "Salvaging Federated Learning
 * by Local Adaptation"): a region fine-tunes a finished model on its own
 * training data before serving it. Nothing leaves the region and no extra
 * round is needed, so privacy and the round protocol are unchanged.
 *
 * Why: sentiment and emotion regions write different languages and have
 * different label priors (Wisesight is mostly neutral, the Arabic test set
 * mostly negative), so one shared softmax head fits no region well; a short
 * local pass re-fits the head and the region's own n-grams. The quality
 * experiment applies the same step, with the same budget, to the centralized
 * and local-only models, so the comparison stays like for like.
 *
 * @example
 * const mine = await adaptLocally(global, euTrain, { epochs: 1, learningRate: 0.01, batchSize: 64 }, spec, engine, 7);
 */
export async function adaptLocally(
  weights: Weights,
  examples: readonly TrainingExample[],
  adaptation: LocalAdaptation,
  spec: ModelSpec,
  engine: FastTextEngine,
  seed = 0,
): Promise<Weights> {
  if (adaptation.epochs <= 0 || examples.length === 0) return weights;
  const fit = await trainLocal(
    weights,
    examples,
    { round: 1, localEpochs: adaptation.epochs, learningRate: adaptation.learningRate, learningRateEnd: 0, proximalMu: 0, batchSize: adaptation.batchSize },
    { spec, region: 'adaptation', engine, seed },
  );
  return addWeights(weights, fit.delta);
}
