/** The federation coordinator: round driver, its tRPC API over mTLS, checkpoints and round records. */
export { canonicalRoundRecord } from './canonical-round-record.ts';
export { checkpointRepository } from './checkpoint.repository.ts';
export type { CoordinatorEvent } from './coordinator-event.ts';
export { createCoordinatorMetrics, type CoordinatorMetrics } from './coordinator-metrics.ts';
export type { CoordinatorOptions } from './coordinator-options.ts';
export { createCoordinatorRouter, type CoordinatorRouter } from './coordinator-router.ts';
export { createCoordinator, MAX_WAIT_MS, type Coordinator, type CoordinatorOutcome, type CoordinatorStatus } from './create-coordinator.ts';
export { createLedgerRoundRecorder, roundRefId, type LedgerRoundRecorderOptions } from './ledger/ledger-round-recorder.ts';
export { createMemoryRoundRecorder, type MemoryRoundRecorder } from './memory/memory-round-recorder.ts';
export type { RoundRecord } from './round-record.ts';
export type { RoundRecorder } from './round-recorder.ts';
export { roundRepository, type RoundKey } from './round.repository.ts';
export { serveCoordinator, type ServeCoordinatorOptions, type ServedCoordinator } from './serve-coordinator.ts';
export { startCoordinator, type RunningCoordinator, type StartCoordinatorOptions } from './start-coordinator.ts';
