import type { ModelSpec } from './model-spec.ts';
import type { Weights } from './weights.ts';

/** A fastText-style classifier: its spec and its parameters. */
export interface FastTextModel {
  spec: ModelSpec;
  weights: Weights;
}
