import { discreteLaplaceNoise, EPSILON_RESOLUTION, type RandomInt } from './discrete-laplace.ts';

/** A count released under differential privacy, with what it cost. */
export interface DpCount {
  /** The noisy count, clamped at 0 (post-processing, so still private). */
  value: number;
  /** The ε this release spent (charge it to the analyst's budget). */
  epsilon: number;
  /** How much one person can change the true count. */
  sensitivity: number;
  mechanism: 'discrete_laplace';
}

/**
 * Releases a count with ε-differential privacy: the true count plus discrete
 * Laplace noise of scale sensitivity/ε. `sensitivity` is the most one person
 * can change the count (1 for "how many subjects"; k when each person
 * contributes at most k rows). The console charges `epsilon` to the analyst's
 * budget; asking again costs again.
 *
 * @example
 * dpCount(1_284, { epsilon: 0.1 }); // { value: 1_291, epsilon: 0.1, sensitivity: 1, mechanism: 'discrete_laplace' }
 */
export function dpCount(trueCount: number, opts: { epsilon: number; sensitivity?: number; random?: RandomInt }): DpCount {
  const sensitivity = opts.sensitivity ?? 1;
  const epsilon = Math.round(opts.epsilon * EPSILON_RESOLUTION) / EPSILON_RESOLUTION;
  const noisy = trueCount + discreteLaplaceNoise(epsilon, sensitivity, opts.random);
  return { value: Math.max(0, noisy), epsilon, sensitivity, mechanism: 'discrete_laplace' };
}
