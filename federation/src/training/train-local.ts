import type { FastTextEngine } from '../model/fasttext-engine.ts';
import { buildFeatureBatch } from '../model/feature-batch.ts';
import type { ModelSpec } from '../model/model-spec.ts';
import { seededRandom } from '../model/seeded-random.ts';
import type { SparseGradient } from '../model/sparse-gradient.ts';
import type { Weights } from '../model/weights.ts';
import type { FitConfig, FitResult } from '../strategy/strategy.ts';
import type { BatchPlanner } from './batch-planner.ts';
import { shuffledExampleBatches } from './batch-planner.ts';
import type { GradientTransform } from './gradient-transform.ts';
import { createLazyAdam } from './lazy-adam.ts';
import type { SubjectContribution } from './subject-contribution.ts';
import type { TrainingExample } from './training-example.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';

/** Everything local training needs besides the round's weights, data and FitConfig. */
export interface LocalTrainingOptions {
  spec: ModelSpec;
  /** Region id written into the FitResult. */
  region: string;
  engine: FastTextEngine;
  /** Seeds batch order (and any randomness of the transform); default 0. */
  seed?: number;
  /** How an epoch is cut into batches; default `shuffledExampleBatches`. */
  planner?: BatchPlanner;
  /**
   * When set, every step's gradient is computed per subject (sum over that
   * subject's messages in the batch) and combined by this transform: the slot
   * for subject-level DP-SGD. Unset: the batch mean, computed in one pass.
   */
  transform?: GradientTransform;
  /** Called after every step, e.g. to drive a progress bar. */
  onStep?: (done: number, total: number) => void;
}

/**
 * Trains a fastText classifier locally from the round's global weights and
 * returns the update (local − global), Flower's `fit`:
 * - lazy Adam (see `createLazyAdam`), fresh every round so a region that missed
 *   rounds needs no saved optimizer state; the learning rate goes linearly from
 *   `config.learningRate` to `config.learningRateEnd` (default: constant);
 * - FedProx when `config.proximalMu > 0`;
 * - `numExamples` counts the messages actually used in one epoch (after any
 *   per-subject cap of the planner).
 * The input weights are not modified. `metrics` holds the mean training loss of
 * the last epoch, the steps taken, rows touched and wall time in seconds.
 *
 * @example
 * const engine = await loadEngine('tfjs');
 * const fit = await trainLocal(global, examples, { round: 1, localEpochs: 1, learningRate: 0.03, proximalMu: 0, batchSize: 64 }, { spec, region: 'eu', engine });
 * fit.delta['output/bias']; // local − global
 */
export async function trainLocal(
  global: Weights,
  examples: readonly TrainingExample[],
  config: FitConfig,
  options: LocalTrainingOptions,
): Promise<FitResult> {
  const { spec, engine } = options;
  if (!(config.batchSize >= 1) || !(config.localEpochs >= 0) || !(config.learningRate >= 0)) {
    throw new MeridianError('BAD_INPUT', 'invalid fit config', { batchSize: config.batchSize, localEpochs: config.localEpochs, learningRate: config.learningRate });
  }
  const started = performance.now();
  const random = seededRandom(options.seed ?? 0);
  const planner = options.planner ?? shuffledExampleBatches;
  const weights: Weights = {};
  for (const [k, v] of Object.entries(global)) weights[k] = v.slice();
  const adam = createLazyAdam(spec.dim, weights);
  const epochs = Array.from({ length: config.localEpochs }, () => planner(examples, config.batchSize, random));
  const total = epochs.reduce((n, e) => n + e.length, 0);
  const lr0 = config.learningRate;
  const lr1 = config.learningRateEnd ?? lr0;
  const touched = new Uint8Array(spec.tokenizer.buckets);
  let step = 0;
  let lastEpochLoss = 0;
  let lastEpochExamples = 0;
  let usedPerEpoch = 0;
  for (const [e, batches] of epochs.entries()) {
    let epochLoss = 0;
    let epochExamples = 0;
    for (const batchIdx of batches) {
      // An empty batch is still a step under a transform: a Poisson-sampled DP step that drew
      // no subject must release pure noise, or whether a batch was empty would leak.
      if (batchIdx.length === 0 && !options.transform) continue;
      const batch = batchIdx.map((i) => examples[i] as TrainingExample);
      const { loss, gradient } = options.transform ? subjectStep(batch, weights, options, step, random) : batchStep(batch, weights, options);
      const lr = total > 1 ? lr0 + ((lr1 - lr0) * step) / (total - 1) : lr0;
      adam.step(weights, gradient, lr, config.proximalMu, global);
      for (const r of gradient.rows) touched[r] = 1;
      epochLoss += loss * batch.length;
      epochExamples += batch.length;
      step++;
      options.onStep?.(step, total);
      // Yield now and then so timers, sockets and progress bars keep running during a long fit.
      if (step % 32 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (e === epochs.length - 1) {
      lastEpochLoss = epochExamples > 0 ? epochLoss / epochExamples : 0;
      lastEpochExamples = epochExamples;
    }
    usedPerEpoch = epochExamples;
  }
  const delta: Weights = {};
  for (const [k, v] of Object.entries(weights)) {
    const g = global[k] as Float32Array;
    const d = new Float32Array(v.length);
    for (let i = 0; i < v.length; i++) d[i] = (v[i] as number) - (g[i] as number);
    delta[k] = d;
  }
  return {
    region: options.region,
    numExamples: usedPerEpoch,
    delta,
    metrics: {
      loss: lastEpochLoss,
      examplesLastEpoch: lastEpochExamples,
      steps: step,
      touchedRows: touched.reduce((n, x) => n + x, 0),
      seconds: (performance.now() - started) / 1000,
    },
  };
}

function batchStep(batch: readonly TrainingExample[], weights: Weights, options: LocalTrainingOptions): { loss: number; gradient: SparseGradient } {
  const fb = buildFeatureBatch(batch.map((x) => x.features));
  return options.engine.lossAndGradient(weights, options.spec, fb, Int32Array.from(batch, (x) => x.label), 'mean');
}

function subjectStep(
  batch: readonly TrainingExample[],
  weights: Weights,
  options: LocalTrainingOptions,
  step: number,
  random: () => number,
): { loss: number; gradient: SparseGradient } {
  const groups = new Map<string, TrainingExample[]>();
  for (const x of batch) {
    const g = groups.get(x.subjectId);
    if (g) g.push(x);
    else groups.set(x.subjectId, [x]);
  }
  const contributions: SubjectContribution[] = [];
  let loss = 0;
  for (const [subjectId, xs] of groups) {
    const fb = buildFeatureBatch(xs.map((x) => x.features));
    const r = options.engine.lossAndGradient(weights, options.spec, fb, Int32Array.from(xs, (x) => x.label), 'sum');
    loss += r.loss;
    contributions.push({ subjectId, numExamples: xs.length, gradient: r.gradient });
  }
  const gradient = (options.transform as GradientTransform).combine(contributions, { batchExamples: batch.length, step, random });
  return { loss: batch.length > 0 ? loss / batch.length : 0, gradient };
}

