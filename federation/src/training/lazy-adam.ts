import { FASTTEXT_PARAMS } from '../model/fasttext-params.ts';
import type { SparseGradient } from '../model/sparse-gradient.ts';
import type { Weights } from '../model/weights.ts';

/** Adam hyper-parameters (Kingma & Ba 2015 defaults). */
export interface AdamOptions {
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** Applies one optimizer step in place; returns nothing. */
export interface LazyAdam {
  /**
   * @param anchor the round's global weights, for the FedProx term μ·(w − anchor)
   */
  step(weights: Weights, gradient: SparseGradient, learningRate: number, proximalMu: number, anchor: Weights): void;
}

/**
 * Adam whose embedding moments are updated only for the rows a step touches
 * (TensorFlow's LazyAdam), so a step costs O(rows in batch), not O(table).
 * Chosen over plain SGD because mean pooling spreads each example's gradient
 * over ~160 rows: on Banking77 SGD plateaued at 89.4% where Adam reached 91.3%
 * in half the epochs (measured on this machine, 2^16 × 64).
 *
 * FedProx's proximal gradient μ(w − w_global) is added before the moments, on
 * the touched rows and the dense output layer; untouched rows equal the global
 * ones, so their proximal gradient is zero anyway.
 *
 * @example
 * const adam = createLazyAdam(dim, weights);
 * adam.step(weights, gradient, 0.03, 0, global);
 */
export function createLazyAdam(dim: number, like: Weights, options: AdamOptions = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }): LazyAdam {
  const { beta1, beta2, epsilon } = options;
  const m: Record<string, Float32Array> = {};
  const v: Record<string, Float32Array> = {};
  for (const [name, p] of Object.entries(like)) {
    m[name] = new Float32Array(p.length);
    v[name] = new Float32Array(p.length);
  }
  let t = 0;
  return {
    step(weights, gradient, learningRate, proximalMu, anchor) {
      t++;
      const c1 = 1 - beta1 ** t;
      const c2 = 1 - beta2 ** t;
      const alpha = (learningRate * Math.sqrt(c2)) / c1;
      // One Adam update of parameter p of `name` with raw gradient g.
      const apply = (w: Float32Array, a: Float32Array, mm: Float32Array, vv: Float32Array, p: number, g: number): void => {
        const gi = proximalMu !== 0 ? g + proximalMu * ((w[p] as number) - (a[p] as number)) : g;
        const mi = beta1 * (mm[p] as number) + (1 - beta1) * gi;
        const vi = beta2 * (vv[p] as number) + (1 - beta2) * gi * gi;
        mm[p] = mi;
        vv[p] = vi;
        w[p] = (w[p] as number) - (alpha * mi) / (Math.sqrt(vi) + epsHat);
      };
      const epsHat = epsilon * Math.sqrt(c2);
      const E = FASTTEXT_PARAMS.embedding;
      const [wE, aE, mE, vE] = [weights[E], anchor[E], m[E], v[E]] as Float32Array[];
      for (let r = 0; r < gradient.rows.length; r++) {
        const base = (gradient.rows[r] as number) * dim;
        const src = r * dim;
        for (let d = 0; d < dim; d++) apply(wE as Float32Array, aE as Float32Array, mE as Float32Array, vE as Float32Array, base + d, gradient.embedding[src + d] as number);
      }
      for (const [name, g] of [[FASTTEXT_PARAMS.kernel, gradient.kernel], [FASTTEXT_PARAMS.bias, gradient.bias]] as const) {
        const [w, a, mm, vv] = [weights[name], anchor[name], m[name], v[name]] as Float32Array[];
        for (let i = 0; i < g.length; i++) apply(w as Float32Array, a as Float32Array, mm as Float32Array, vv as Float32Array, i, g[i] as number);
      }
    },
  };
}
