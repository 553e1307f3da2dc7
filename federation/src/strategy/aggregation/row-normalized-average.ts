import type { Weights } from '../../model/weights.ts';
import { weightedDeltaAverage } from './weighted-delta-average.ts';

/**
 * A weighted average of deltas in which each row of a sparse tensor (an
 * embedding table) is averaged only over the updates that changed that row:
 * Σᵢ wᵢΔᵢ[r] / Σ_{i: Δᵢ[r] ≠ 0} wᵢ. Other tensors are averaged as usual.
 *
 * Why: the regions write different scripts, so most embedding rows (Arabic
 * n-grams, Thai n-grams) are trained by one region only. A plain average
 * divides such a row's update by the number of regions, and those rows then
 * learn ~3× slower than in centralized training; here they get their full
 * update while rows shared across regions (Latin n-grams of the two English
 * regions, the output layer) are still averaged.
 *
 * @param rowWidths row width of each tensor to treat row-wise, e.g. `{ embedding: 64 }`
 * @example
 * rowNormalizedAverage([{ e: Float32Array.of(1, 1, 0, 0) }, { e: Float32Array.of(3, 3, 4, 4) }], [0.5, 0.5], { e: 2 }).e; // [2, 2, 4, 4]
 */
export function rowNormalizedAverage(deltas: readonly Weights[], weights: readonly number[], rowWidths: Readonly<Record<string, number>>): Weights {
  const out = weightedDeltaAverage(deltas, weights);
  for (const [name, width] of Object.entries(rowWidths)) {
    const avg = out[name];
    if (!avg || width <= 0) continue;
    const rows = Math.floor(avg.length / width);
    for (let r = 0; r < rows; r++) {
      let mass = 0;
      deltas.forEach((d, k) => {
        const t = d[name] as Float32Array;
        for (let j = r * width; j < (r + 1) * width; j++) {
          if (t[j] !== 0) {
            mass += weights[k] as number;
            return;
          }
        }
      });
      if (mass > 0 && mass < 1) for (let j = r * width; j < (r + 1) * width; j++) avg[j] = (avg[j] as number) / mass;
    }
  }
  return out;
}
