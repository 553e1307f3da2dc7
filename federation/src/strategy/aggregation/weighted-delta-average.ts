import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Weights } from '../../model/weights.ts';

/**
 * Σ wᵢ·Δᵢ over updates with the same tensors (weights already normalised).
 * Pure, accumulated in float64 per element for order-independent rounding.
 *
 * @example
 * weightedDeltaAverage([{ b: Float32Array.of(2) }, { b: Float32Array.of(4) }], [0.5, 0.5]).b; // [3]
 */
export function weightedDeltaAverage(deltas: readonly Weights[], weights: readonly number[]): Weights {
  const first = deltas[0];
  if (!first) return {};
  if (deltas.length !== weights.length) throw new MeridianError('BAD_INPUT', 'one weight per update is required', { updates: deltas.length, weights: weights.length });
  const out: Weights = {};
  for (const [name, t0] of Object.entries(first)) {
    const acc = new Float64Array(t0.length);
    deltas.forEach((d, k) => {
      const t = d[name];
      if (!t || t.length !== t0.length) throw new MeridianError('BAD_INPUT', `update ${k} lacks tensor ${name} of the same size`, { name, update: k, expected: t0.length, found: t?.length ?? null });
      const w = weights[k] as number;
      if (w === 0) return;
      for (let i = 0; i < t.length; i++) acc[i] = (acc[i] as number) + w * (t[i] as number);
    });
    out[name] = Float32Array.from(acc);
  }
  return out;
}
