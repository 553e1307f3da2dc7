import { dpCount } from './dp-count.ts';
import type { RandomInt } from './discrete-laplace.ts';

/** Counts per key released together under differential privacy, with what the release cost. */
export interface DpHistogram<K extends string> {
  counts: Record<K, number>;
  epsilon: number;
  /** The most one person can change the sum of all counts (L1). */
  sensitivity: number;
  mechanism: 'discrete_laplace';
}

/**
 * Releases a histogram over a FIXED domain of keys with ε-differential
 * privacy: discrete Laplace noise of scale sensitivity/ε on every cell,
 * absent keys counted as 0. The domain must not come from the data (a key
 * that appears only because one person is in the data would reveal them).
 * `sensitivity` bounds the L1 change one person makes across all cells (bound
 * each person's contribution before counting); the whole release costs ε.
 *
 * @example
 * dpHistogram(['bot', 'person', 'expert'], { bot: 812, person: 140 }, { epsilon: 0.2, sensitivity: 20 });
 */
export function dpHistogram<K extends string>(domain: readonly K[], trueCounts: Partial<Record<K, number>>, opts: { epsilon: number; sensitivity: number; random?: RandomInt }): DpHistogram<K> {
  const counts = {} as Record<K, number>;
  let epsilon = opts.epsilon;
  for (const k of domain) {
    const c = dpCount(trueCounts[k] ?? 0, opts);
    counts[k] = c.value;
    epsilon = c.epsilon;
  }
  return { counts, epsilon, sensitivity: opts.sensitivity, mechanism: 'discrete_laplace' };
}
