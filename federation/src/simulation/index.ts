/** In-process federated simulation and the quality experiment behind the bench. */
export { runQualityExperiment } from './quality-experiment.ts';
export type { QualityExperimentConfig, QualityExperimentResult, RegimeComparison, RegimeScores } from './quality-experiment.ts';
export { simulateFederation } from './simulate-federation.ts';
export type { RoundReport, SimulatedRegion, SimulationOptions, SimulationResult } from './simulate-federation.ts';
export { trainBaseline } from './train-baseline.ts';
export { adaptLocally } from './adapt-locally.ts';
export type { LocalAdaptation } from './adapt-locally.ts';
