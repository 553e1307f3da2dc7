import type { CoordinatorOptions } from './coordinator-options.ts';
import { createCoordinator, type Coordinator, type CoordinatorOutcome } from './create-coordinator.ts';
import { serveCoordinator, type ServeCoordinatorOptions } from './serve-coordinator.ts';

export type StartCoordinatorOptions = CoordinatorOptions & Omit<ServeCoordinatorOptions, 'coordinators'>;

export interface RunningCoordinator {
  coordinator: Coordinator;
  url: string;
  /** Settles when all rounds are done (or the coordinator is stopped); rejects on a fatal error. */
  done: Promise<CoordinatorOutcome>;
  /** Stops driving rounds, then closes the server. */
  close(): Promise<void>;
}

/**
 * One federation's coordinator, running and served over mTLS: loads or
 * creates its checkpoint (resuming any round in progress), then listens.
 * The server stays up after the last round so regions can still download
 * the final model; `close()` ends both.
 *
 * @example
 * const running = await startCoordinator({
 *   federation: 'intent', db, registry: createPostgresModelRegistry({ db, codec }), strategy,
 *   recorder: createLedgerRoundRecorder({ ledger }), initialWeights,
 *   settings: roundSettings({ rounds: 10, participants: ['eu', 'sea', 'me'], minParticipants: 2, stragglerTimeoutMs: 120_000 }),
 *   key, cert, ca, revocation, port: 7443,
 * });
 * await running.done;
 */
export async function startCoordinator(options: StartCoordinatorOptions): Promise<RunningCoordinator> {
  const coordinator = createCoordinator(options);
  await coordinator.start();
  let served;
  try {
    served = await serveCoordinator({ ...options, coordinators: [coordinator] });
  } catch (error) {
    await coordinator.stop();
    throw error;
  }
  return {
    coordinator,
    url: served.url,
    done: coordinator.done,
    async close() {
      await coordinator.stop();
      await served.close();
    },
  };
}
