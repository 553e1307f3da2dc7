/** Aggregation strategies (pure, no networking) and their maths. */
export { regionWeights } from './aggregation/region-weighting.ts';
export type { RegionWeighting } from './aggregation/region-weighting.ts';
export { rowNormalizedAverage } from './aggregation/row-normalized-average.ts';
export { weightedDeltaAverage } from './aggregation/weighted-delta-average.ts';
export { createFedAdam } from './fed-adam/fed-adam.ts';
export type { FedAdamOptions } from './fed-adam/fed-adam.ts';
export { applyAverage, createFedAvg } from './fed-avg/fed-avg.ts';
export type { FedAvgOptions } from './fed-avg/fed-avg.ts';
export { createFedProx } from './fed-prox/fed-prox.ts';
export type { FedProxOptions } from './fed-prox/fed-prox.ts';
export { fitConfigFor } from './fit-schedule.ts';
export type { FitSchedule } from './fit-schedule.ts';
export { createStrategy, STRATEGIES } from './strategies.ts';
export type { StrategyName, StrategyOptions } from './strategies.ts';
export type { FitConfig, FitResult, Strategy } from './strategy.ts';
