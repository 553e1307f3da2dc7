import type { SparseGradient } from '../model/sparse-gradient.ts';
import type { SubjectContribution } from './subject-contribution.ts';

/** What a transform knows about the step it is combining. */
export interface GradientStepContext {
  /** Examples in the batch (the sum of the contributions' numExamples). */
  batchExamples: number;
  /** Global step index within this local training run. */
  step: number;
  /** The run's seeded PRNG, for noise that must be reproducible in tests. */
  random: () => number;
}

/**
 * The hook through which privacy mechanisms wrap local training without
 * rewriting it: given the per-subject contributions of one minibatch, return
 * the gradient the optimizer should apply. Subject-level DP-SGD is one
 * transform (clip each contribution, sum, add Gaussian noise, divide by the
 * expected batch size); `meanOfContributions` is the identity of plain training.
 */
export interface GradientTransform {
  readonly name: string;
  combine(contributions: readonly SubjectContribution[], context: GradientStepContext): SparseGradient;
}
