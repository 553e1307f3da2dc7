import type { SparseGradient } from '../model/sparse-gradient.ts';

/**
 * One data subject's share of a minibatch gradient: the sum (not the mean) of
 * the gradients of that subject's examples in the batch. Subject-level DP-SGD
 * clips each of these to a norm bound before summing and adding noise.
 */
export interface SubjectContribution {
  subjectId: string;
  numExamples: number;
  gradient: SparseGradient;
}
