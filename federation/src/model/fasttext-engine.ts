import type { FeatureBatch } from './feature-batch.ts';
import type { ModelSpec } from './model-spec.ts';
import type { LossAndGradient, Reduction } from './reference/reference-fasttext.ts';
import type { Weights } from './weights.ts';

/**
 * The numeric engine behind a fastText classifier: forward pass and
 * loss + sparse gradient of a batch. Two implementations compute the same
 * maths: `tfjs` (TensorFlow.js, WASM by default, tfjs-node when installed) and
 * `reference` (plain TypeScript). Training and inference take an engine, so a
 * caller picks speed or backend without touching the trainer.
 */
export interface FastTextEngine {
  readonly name: string;
  /** Class probabilities, batch.size × labels, row-major. */
  probabilities(weights: Weights, spec: ModelSpec, batch: FeatureBatch): Float32Array;
  lossAndGradient(weights: Weights, spec: ModelSpec, batch: FeatureBatch, labels: Int32Array, reduction: Reduction): LossAndGradient;
}

/** Names of the engines `loadEngine` knows. */
export type EngineName = 'tfjs' | 'reference';
