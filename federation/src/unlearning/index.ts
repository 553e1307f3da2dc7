/** Model unlearning after erasure: plan a rollback, replay rounds without the erased data, move the checkpoint. */
export { federationHistory, type FederationUnlearningRun } from './federation-history.repository.ts';
export type { HistoricRound } from './historic-round.ts';
export { aggregatedRounds, planUnlearning, type AffectedRounds, type UnlearningPlan, type UnlearningPlanInput } from './plan-unlearning.ts';
export { plainReplayAggregation, secureReplayAggregation, type ReplayAggregation } from './replay-aggregation.ts';
export { retrainForward, type ReplayParticipant, type RetrainForwardOptions } from './retrain-forward.ts';
export { unlearnFederation, type UnlearnFederationOptions } from './unlearn-federation.ts';
export type { UnlearningOutcome } from './unlearning-outcome.ts';
