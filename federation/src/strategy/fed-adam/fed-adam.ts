import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Weights } from '../../model/weights.ts';
import type { RegionWeighting } from '../aggregation/region-weighting.ts';
import { regionWeights } from '../aggregation/region-weighting.ts';
import { weightedDeltaAverage } from '../aggregation/weighted-delta-average.ts';
import type { FitSchedule } from '../fit-schedule.ts';
import { fitConfigFor } from '../fit-schedule.ts';
import type { Strategy } from '../strategy.ts';

export interface FedAdamOptions {
  schedule: FitSchedule;
  /** Server learning rate η (Reddi et al. 2021 tune it on a log grid). */
  serverLearningRate: number;
  beta1?: number;
  beta2?: number;
  /** Adaptivity τ: larger is closer to FedAvg with momentum. */
  tau?: number;
  weighting?: RegionWeighting;
}

/**
 * FedAdam (Reddi et al. 2021, "Adaptive Federated Optimization"): the averaged
 * delta Δ is a pseudo-gradient for a server Adam,
 *   m ← β₁m + (1−β₁)Δ,  v ← β₂v + (1−β₂)Δ²,  w ← w + η·m / (√v + τ)
 * (no bias correction, as in the paper's Algorithm 2). Per-coordinate scaling
 * means rows trained by one region only (Arabic n-grams, Thai n-grams) still
 * move at a full step even though averaging divides their delta by the number
 * of regions. The moments are the strategy's state (`exportState`).
 *
 * @example
 * const s = createFedAdam({ schedule, serverLearningRate: 0.01 });
 */
export function createFedAdam(options: FedAdamOptions): Strategy {
  const beta1 = options.beta1 ?? 0.9;
  const beta2 = options.beta2 ?? 0.99;
  const tau = options.tau ?? 1e-3;
  const eta = options.serverLearningRate;
  const weighting = options.weighting ?? 'uniform';
  let m: Weights = {};
  let v: Weights = {};
  return {
    name: 'fedadam',
    configureFit: (round) => fitConfigFor(options.schedule, round, 0),
    aggregate(_round, global, results) {
      if (results.length === 0) return global;
      const delta = weightedDeltaAverage(results.map((r) => r.delta), regionWeights(results, weighting));
      const next: Weights = {};
      for (const [name, g] of Object.entries(global)) {
        const d = delta[name] ?? new Float32Array(g.length);
        const mm = (m[name] ??= new Float32Array(g.length));
        const vv = (v[name] ??= new Float32Array(g.length));
        const out = new Float32Array(g.length);
        for (let i = 0; i < g.length; i++) {
          const di = d[i] as number;
          const mi = beta1 * (mm[i] as number) + (1 - beta1) * di;
          const vi = beta2 * (vv[i] as number) + (1 - beta2) * di * di;
          mm[i] = mi;
          vv[i] = vi;
          out[i] = (g[i] as number) + (eta * mi) / (Math.sqrt(vi) + tau);
        }
        next[name] = out;
      }
      return next;
    },
    exportState() {
      const s: Weights = {};
      for (const [k, t] of Object.entries(m)) s[`m/${k}`] = t.slice();
      for (const [k, t] of Object.entries(v)) s[`v/${k}`] = t.slice();
      return s;
    },
    importState(state) {
      const nm: Weights = {};
      const nv: Weights = {};
      for (const [k, t] of Object.entries(state)) {
        if (k.startsWith('m/')) nm[k.slice(2)] = t.slice();
        else if (k.startsWith('v/')) nv[k.slice(2)] = t.slice();
        else throw new MeridianError('BAD_INPUT', 'unknown FedAdam state tensor', { name: k });
      }
      m = nm;
      v = nv;
    },
  };
}
