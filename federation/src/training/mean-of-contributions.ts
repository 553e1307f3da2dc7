import type { GradientTransform } from './gradient-transform.ts';
import { sumSparseGradients } from './sum-sparse-gradients.ts';

/**
 * The non-private transform: the plain mean over the batch's examples, i.e.
 * exactly the gradient the fast batch path computes. Tests use it to show that
 * routing a step through per-subject contributions changes nothing.
 *
 * @example
 * await trainLocal(global, examples, config, { ...options, transform: meanOfContributions(spec.dim) });
 */
export function meanOfContributions(dim: number): GradientTransform {
  return {
    name: 'mean',
    combine(contributions, { batchExamples }) {
      return sumSparseGradients(contributions.map((c) => c.gradient), dim, batchExamples > 0 ? 1 / batchExamples : 0);
    },
  };
}
