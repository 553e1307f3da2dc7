import type { FitResult } from '../strategy.ts';

/**
 * How much each region's update counts in the average:
 * - `examples`: by example count (McMahan et al.'s FedAvg);
 * - `uniform`: every participating region equally;
 * - `sqrt`: by √examples, in between.
 */
export type RegionWeighting = 'examples' | 'uniform' | 'sqrt';

/**
 * The normalised weight of each result (they sum to 1; empty for no results).
 *
 * @example
 * regionWeights([{ numExamples: 300 }, { numExamples: 100 }] as FitResult[], 'examples'); // [0.75, 0.25]
 */
export function regionWeights(results: readonly Pick<FitResult, 'numExamples'>[], weighting: RegionWeighting): number[] {
  const raw = results.map((r) => (weighting === 'uniform' ? 1 : weighting === 'sqrt' ? Math.sqrt(Math.max(0, r.numExamples)) : Math.max(0, r.numExamples)));
  const total = raw.reduce((a, b) => a + b, 0);
  return total > 0 ? raw.map((w) => w / total) : raw.map(() => 1 / Math.max(1, raw.length));
}
