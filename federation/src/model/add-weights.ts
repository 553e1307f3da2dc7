import type { Weights } from './weights.ts';

/**
 * base + scale·delta, tensor by tensor (a new record; inputs untouched).
 *
 * @example
 * const local = addWeights(global, fit.delta); // the region's trained weights
 */
export function addWeights(base: Weights, delta: Weights, scale = 1): Weights {
  const out: Weights = {};
  for (const [name, b] of Object.entries(base)) {
    const d = delta[name];
    const o = new Float32Array(b.length);
    for (let i = 0; i < b.length; i++) o[i] = (b[i] as number) + (d ? scale * (d[i] as number) : 0);
    out[name] = o;
  }
  return out;
}
