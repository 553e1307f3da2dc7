import type { Weights } from '../../model/weights.ts';
import type { RegionWeighting } from '../aggregation/region-weighting.ts';
import { regionWeights } from '../aggregation/region-weighting.ts';
import { rowNormalizedAverage } from '../aggregation/row-normalized-average.ts';
import { weightedDeltaAverage } from '../aggregation/weighted-delta-average.ts';
import type { FitSchedule } from '../fit-schedule.ts';
import { fitConfigFor } from '../fit-schedule.ts';
import type { Strategy } from '../strategy.ts';

export interface FedAvgOptions {
  schedule: FitSchedule;
  /** Default `uniform`: see the note on `createFedAvg`. */
  weighting?: RegionWeighting;
  /** Server step on the averaged delta (1 = classic FedAvg). */
  serverLearningRate?: number;
  /**
   * Tensors averaged row by row over the regions that changed each row (see
   * `rowNormalizedAverage`), with their row width, e.g. `{ embedding: 64 }`.
   */
  rowWidths?: Readonly<Record<string, number>>;
}

/**
 * FedAvg (McMahan et al. 2017): global ← global + η·Σ wᵢΔᵢ over the regions
 * that returned; failed regions are left out and the weights renormalised
 * over the survivors, so a dropped node never stalls a round. No results: the
 * global weights are returned unchanged.
 *
 * Weighting defaults to `uniform`, not by example count: ArBanking77 holds
 * ~68% of the intent examples, and size-weighted averaging let the Arabic
 * region's output-layer update swamp the English ones (TOOLCHAIN.md: English
 * accuracy fell to 7% after round 1). With every region at ⅓, no region can
 * drag the shared layer more than its peers.
 *
 * @example
 * const s = createFedAvg({ schedule: { rounds: 10, localEpochs: 1, learningRate: 0.03, batchSize: 64 } });
 * const next = s.aggregate(1, global, results, []);
 */
export function createFedAvg(options: FedAvgOptions): Strategy {
  const weighting = options.weighting ?? 'uniform';
  const eta = options.serverLearningRate ?? 1;
  return {
    name: 'fedavg',
    configureFit: (round) => fitConfigFor(options.schedule, round, 0),
    aggregate: (_round, global, results) => applyAverage(global, results, weighting, eta, options.rowWidths),
    exportState: () => ({}),
    importState: () => {},
  };
}

/** global + η·(weighted average of the results' deltas); shared by FedAvg and FedProx. */
export function applyAverage(
  global: Weights,
  results: Parameters<Strategy['aggregate']>[2],
  weighting: RegionWeighting,
  eta: number,
  rowWidths?: Readonly<Record<string, number>>,
): Weights {
  if (results.length === 0) return global;
  const deltas = results.map((r) => r.delta);
  const w = regionWeights(results, weighting);
  const avg = rowWidths ? rowNormalizedAverage(deltas, w, rowWidths) : weightedDeltaAverage(deltas, w);
  const next: Weights = {};
  for (const [name, g] of Object.entries(global)) {
    const d = avg[name];
    const out = new Float32Array(g.length);
    for (let i = 0; i < g.length; i++) out[i] = (g[i] as number) + eta * (d ? (d[i] as number) : 0);
    next[name] = out;
  }
  return next;
}
