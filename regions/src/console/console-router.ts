import { z } from 'zod';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Ledger } from '@meridian/audit/ledger/ledger.ts';
import type { RegionNode } from '../node/region-node.ts';
import { rightsRequestInputSchema } from '../rights/rights-request-input.ts';
import { submitRightsRequest } from '../rights/submit-rights-request.ts';
import { verifyRightsRequest } from '../rights/verify-rights-request.ts';
import { decideRightsRequest } from '../rights/decide-rights-request.ts';
import { runRightsWorker } from '../rights/run-rights-worker.ts';
import { completionCertificate } from '../rights/completion-certificate.ts';
import { outboxNotifier } from '../rights/outbox-notifier.ts';
import { allowed, onRequest, onRequests, consoleRouterBuilder as router } from './console-procedure.ts';
import { requestQueue, requestQueueInputSchema } from './request-queue.ts';
import { requestDetail } from './request-detail.ts';
import { viewSubjectData } from './subject-data-view.ts';
import { viewConsentHistory } from './consent-history-view.ts';
import { downloadAccessReport } from './access-report-download.ts';
import { dataMap } from './data-map.ts';
import { nodeHealth } from './node-health.ts';
import { trafficStats, trafficStatsInputSchema } from './traffic-stats.ts';
import { trainingRounds, trainingRoundsInputSchema } from './training-rounds.ts';
import { modelVersions } from './model-versions.ts';
import { privacyBudgets } from './privacy-budgets.ts';
import { ledgerCheckpoints, ledgerCheckpointsInputSchema } from './ledger-checkpoints.ts';
import { downloadEvidence, evidenceInputSchema } from './evidence-download.ts';

const requestIdOnly = z.strictObject({ requestId: z.uuid() });

function ledgerOf(node: RegionNode): Ledger {
  const ledger = (node as { ledger?: Ledger }).ledger;
  if (!ledger) throw new MeridianError('UNAVAILABLE', 'this node has no ledger');
  return ledger;
}

/**
 * The console's API on a region node (`console.*`). Every call carries the
 * console's signed identity assertion (401 without a valid one), and every
 * procedure checks the caller's CASL ability from `core` (403 otherwise)
 * before it reads anything: see README.md in this folder for the matrix.
 * Views that show personal data are mutations, because each is recorded on
 * the ledger.
 *
 * @example
 * const page = await client.console.requests.queue.query({ limit: 50 });
 * const data = await client.console.requests.subjectData.mutate({ requestId: page.items[0].id });
 */
export const consoleRouter = router({
  requests: router({
    /** Open requests, most urgent first, keyset-paginated. */
    queue: onRequests('read').input(requestQueueInputSchema).query(({ ctx, input }) => requestQueue(ctx.node, input)),
    /** One request's non-personal record. */
    get: onRequest('read', 'RightsRequest').input(requestIdOnly).query(({ ctx }) => requestDetail(ctx.node, ctx.request)),
    /** The subject's data, decrypted, for an open request (recorded on the ledger). */
    subjectData: onRequest('read', 'SubjectPersonalData').input(requestIdOnly).mutation(({ ctx }) => viewSubjectData(ctx.node, ctx.request, ctx.access)),
    /** The subject's consent history, for an open request (recorded on the ledger). */
    consentHistory: onRequest('read', 'ConsentHistory').input(requestIdOnly).mutation(({ ctx }) => viewConsentHistory(ctx.node, ctx.request, ctx.access)),
    /** Files a request on a subject's behalf (a code goes to their contact on file; `forward` as in `rights.submit`). */
    create: onRequests('create')
      .input(rightsRequestInputSchema)
      .mutation(({ ctx, input }) => submitRightsRequest(ctx.node, input, { notifier: outboxNotifier(ctx.node), actor: ctx.access.actor })),
    /** Checks the one-time code the subject received (e.g. read out to the DPO). */
    verify: onRequest('verify', 'RightsRequest')
      .input(z.strictObject({ requestId: z.uuid(), code: z.string().regex(/^[0-9]{6}$/, 'six digits') }))
      .mutation(({ ctx, input }) => verifyRightsRequest(ctx.node, ctx.request.id, input.code)),
    approve: onRequest('approve', 'RightsRequest').input(requestIdOnly).mutation(({ ctx }) => decideRightsRequest.approve(ctx.node, ctx.request.id, ctx.access.actor)),
    deny: onRequest('deny', 'RightsRequest')
      .input(z.strictObject({ requestId: z.uuid(), note: z.string().min(3).max(500) }))
      .mutation(({ ctx, input }) => decideRightsRequest.deny(ctx.node, ctx.request.id, ctx.access.actor, input.note)),
    extend: onRequest('extend', 'RightsRequest')
      .input(z.strictObject({ requestId: z.uuid(), days: z.number().int().min(1).max(365), reason: z.string().min(10).max(500) }))
      .mutation(({ ctx, input }) => decideRightsRequest.extend(ctx.node, ctx.request.id, ctx.access.actor, input.days, input.reason)),
    /** Runs the execution queue now (the node's worker also runs it every few seconds). */
    execute: onRequests('execute')
      .input(z.strictObject({ maxBatches: z.number().int().min(1).max(100).default(10) }))
      .mutation(({ ctx, input }) => runRightsWorker(ctx.node, { maxBatches: input.maxBatches })),
    /** The completion certificate of a closed request, with its evidence bundle (nothing personal). */
    certificate: onRequest('download', 'RightsRequest').input(requestIdOnly).query(({ ctx }) => completionCertificate(ctx.node, ledgerOf(ctx.node), ctx.request.id)),
    /** The access report of a completed access request (recorded on the ledger). */
    accessReport: onRequest('download', 'AccessReport').input(requestIdOnly).mutation(({ ctx }) => downloadAccessReport(ctx.node, ctx.request, ctx.access)),
  }),
  dataMap: allowed('read', 'DataMap').query(({ ctx }) => dataMap(ctx.node)),
  stats: router({
    health: allowed('read', 'NodeHealth').query(({ ctx }) => nodeHealth(ctx.node)),
    /** Differentially private aggregates; charge `privacyCost.epsilon` to the analyst. */
    traffic: allowed('read', 'RoutingStats').input(trafficStatsInputSchema).query(({ ctx, input }) => trafficStats(ctx.node, input)),
  }),
  training: router({
    rounds: allowed('read', 'TrainingRound').input(trainingRoundsInputSchema).query(({ ctx, input }) => trainingRounds(ctx.node, input)),
    models: allowed('read', 'ModelVersion').query(({ ctx }) => modelVersions(ctx.node)),
    budgets: allowed('read', 'PrivacyBudget').query(({ ctx }) => privacyBudgets(ctx.node)),
  }),
  ledger: router({
    checkpoints: allowed('read', 'LedgerCheckpoint').input(ledgerCheckpointsInputSchema).query(({ ctx, input }) => ledgerCheckpoints(ledgerOf(ctx.node), input)),
    evidence: allowed('download', 'EvidenceBundle').input(evidenceInputSchema).query(({ ctx, input }) => downloadEvidence(ctx.node, ledgerOf(ctx.node), input)),
  }),
});

export type ConsoleRouter = typeof consoleRouter;
