import { createFedAdam } from './fed-adam/fed-adam.ts';
import type { FedAdamOptions } from './fed-adam/fed-adam.ts';
import { createFedAvg } from './fed-avg/fed-avg.ts';
import type { FedAvgOptions } from './fed-avg/fed-avg.ts';
import { createFedProx } from './fed-prox/fed-prox.ts';
import type { FedProxOptions } from './fed-prox/fed-prox.ts';
import type { Strategy } from './strategy.ts';

/** Options of each strategy, by name. */
export interface StrategyOptions {
  fedavg: FedAvgOptions;
  fedprox: FedProxOptions;
  fedadam: FedAdamOptions;
}

export type StrategyName = keyof StrategyOptions;

/**
 * Every aggregation strategy, in one explicit map (no registration by side
 * effect). Wrappers such as DP or secure aggregation compose around the
 * returned `Strategy` instead of adding entries here.
 *
 * @example
 * const s = STRATEGIES.fedprox({ schedule, proximalMu: 0.01 });
 */
export const STRATEGIES: { readonly [K in StrategyName]: (options: StrategyOptions[K]) => Strategy } = Object.freeze({
  fedavg: createFedAvg,
  fedprox: createFedProx,
  fedadam: createFedAdam,
});

/**
 * Looks a strategy up by name (e.g. from a CLI flag) and builds it.
 *
 * @example
 * createStrategy('fedadam', { schedule, serverLearningRate: 0.01 });
 */
export function createStrategy<K extends StrategyName>(name: K, options: StrategyOptions[K]): Strategy {
  return STRATEGIES[name](options);
}
