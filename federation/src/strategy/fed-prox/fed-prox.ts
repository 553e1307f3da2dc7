import type { FedAvgOptions } from '../fed-avg/fed-avg.ts';
import { applyAverage } from '../fed-avg/fed-avg.ts';
import { fitConfigFor } from '../fit-schedule.ts';
import type { Strategy } from '../strategy.ts';

export interface FedProxOptions extends FedAvgOptions {
  /** Proximal term μ sent to every client (Li et al. 2020 tried 0.001–1). */
  proximalMu: number;
}

/**
 * FedProx: FedAvg's aggregation, with clients told to add μ/2·‖w − w_global‖²
 * to their loss so non-IID regions drift less from the global model. The
 * proximal term lives in local training (`trainLocal` reads
 * `FitConfig.proximalMu`); the server side is plain averaging.
 *
 * @example
 * const s = createFedProx({ schedule, proximalMu: 0.01 });
 * s.configureFit(1).proximalMu; // 0.01
 */
export function createFedProx(options: FedProxOptions): Strategy {
  const weighting = options.weighting ?? 'uniform';
  const eta = options.serverLearningRate ?? 1;
  return {
    name: 'fedprox',
    configureFit: (round) => fitConfigFor(options.schedule, round, options.proximalMu),
    aggregate: (_round, global, results) => applyAverage(global, results, weighting, eta, options.rowWidths),
    exportState: () => ({}),
    importState: () => {},
  };
}
