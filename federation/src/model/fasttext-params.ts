import type { ModelSpec } from './model-spec.ts';

/** Names of the fastText classifier's tensors inside a `Weights` record. */
export const FASTTEXT_PARAMS = Object.freeze({
  embedding: 'embedding',
  kernel: 'output/kernel',
  bias: 'output/bias',
});

/**
 * Shapes of each tensor, row-major, for a spec.
 *
 * @example
 * fastTextShapes(spec)['output/kernel']; // [spec.dim, spec.labels.length]
 */
export function fastTextShapes(spec: ModelSpec): Record<string, readonly number[]> {
  return {
    [FASTTEXT_PARAMS.embedding]: [spec.tokenizer.buckets, spec.dim],
    [FASTTEXT_PARAMS.kernel]: [spec.dim, spec.labels.length],
    [FASTTEXT_PARAMS.bias]: [spec.labels.length],
  };
}
