import type { AffectedRounds } from '@meridian/federation/unlearning/plan-unlearning.ts';
import type { UnlearningOutcome } from '@meridian/federation/unlearning/unlearning-outcome.ts';

/**
 * What a region's unlearning worker asks of the federation: roll `federation`
 * back before the first of the affected rounds and retrain forward with every
 * region's current data. Must be idempotent per `runId` (the worker repeats
 * the call after a crash). `createInProcessRetrainer` implements it where the
 * coordinator's database and every region node are in one process (the local
 * launcher); across machines the coordinator would drive the same replay as
 * rounds of the protocol (not built).
 */
export interface FederationRetrainer {
  retrain(request: { runId: string; federation: string; affected: readonly AffectedRounds[] }): Promise<UnlearningOutcome>;
}
