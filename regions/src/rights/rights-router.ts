import { z } from 'zod';
import { createTrpc } from '@meridian/core/trpc/create-trpc.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { RegionContext } from '../server/region-router.ts';
import { rightsRequestInputSchema } from './rights-request-input.ts';
import { submitRightsRequest } from './submit-rights-request.ts';
import { verifyRightsRequest } from './verify-rights-request.ts';
import { decideRightsRequest } from './decide-rights-request.ts';
import { rightsRequests } from './rights-request.repository.ts';
import { runRightsWorker } from './run-rights-worker.ts';
import { checkRightsSla } from './check-rights-sla.ts';
import { buildAccessReport } from './access-report.ts';
import { renderAccessReport } from './render-access-report.ts';
import { completionCertificate } from './completion-certificate.ts';
import { outboxNotifier } from './outbox-notifier.ts';
import { databaseTrainingLineage } from '../training/training-lineage.repository.ts';
import { RIGHTS_REQUEST_STATES } from './rights-request-type.ts';

const t = createTrpc<RegionContext>();

const authenticated = t.procedure.use(({ ctx, next }) => {
  if (!ctx.caller) throw new MeridianError('UNAUTHENTICATED', 'a bearer token for this node is required');
  return next({ ctx: { ...ctx, caller: ctx.caller } });
});

const requestId = z.strictObject({ requestId: z.uuid() });
const actorOf = (caller: { kind: string; name: string }) => `${caller.kind}:${caller.name}`;

/**
 * Rights requests over the node's API (`rights.*`). Zod validates every input;
 * failures are typed MeridianErrors (4xx). Codes go out through the outbox, never
 * in a response; reports and certificates are built on demand.
 *
 * @example
 * await client.rights.submit.mutate({ type: 'erasure', externalId: 'cust-42', contact: { channel: 'email', value: 'ana@example.org' } });
 */
export const rightsRouter = t.router({
  submit: authenticated.input(rightsRequestInputSchema).mutation(({ ctx, input }) =>
    submitRightsRequest(ctx.node, input, { notifier: outboxNotifier(ctx.node), actor: actorOf(ctx.caller) }),
  ),
  verify: authenticated
    .input(z.strictObject({ requestId: z.uuid(), code: z.string().regex(/^[0-9]{6}$/, 'six digits') }))
    .mutation(({ ctx, input }) => verifyRightsRequest(ctx.node, input.requestId, input.code)),
  approve: authenticated.input(requestId).mutation(({ ctx, input }) => decideRightsRequest.approve(ctx.node, input.requestId, actorOf(ctx.caller))),
  deny: authenticated
    .input(z.strictObject({ requestId: z.uuid(), note: z.string().min(3).max(500) }))
    .mutation(({ ctx, input }) => decideRightsRequest.deny(ctx.node, input.requestId, actorOf(ctx.caller), input.note)),
  extend: authenticated
    .input(z.strictObject({ requestId: z.uuid(), days: z.number().int().min(1).max(365), reason: z.string().min(10).max(500) }))
    .mutation(({ ctx, input }) => decideRightsRequest.extend(ctx.node, input.requestId, actorOf(ctx.caller), input.days, input.reason)),
  get: authenticated.input(requestId).query(({ ctx, input }) => rightsRequests.get(ctx.node.db, input.requestId)),
  list: authenticated
    .input(z.strictObject({ status: z.enum(RIGHTS_REQUEST_STATES).optional(), limit: z.number().int().min(1).max(1000).optional() }))
    .query(({ ctx, input }) => rightsRequests.list(ctx.node.db, input)),
  /** Runs the execution queue now (the worker is also run by `meridian request work`). */
  work: authenticated.input(z.strictObject({ maxBatches: z.number().int().min(1).max(10_000).optional() })).mutation(({ ctx, input }) => runRightsWorker(ctx.node, { maxBatches: input.maxBatches })),
  sla: authenticated.query(({ ctx }) => checkRightsSla(ctx.node)),
  accessReport: authenticated.input(requestId).query(async ({ ctx, input }) => {
    const report = await buildAccessReport(ctx.node, input.requestId, { lineage: databaseTrainingLineage(ctx.node.db) });
    ctx.node.logger.info({ requestId: input.requestId }, 'access report disclosed');
    return { json: report, markdown: renderAccessReport(report) };
  }),
  certificate: authenticated.input(requestId).query(({ ctx, input }) => {
    const ledger = (ctx.node as { ledger?: Parameters<typeof completionCertificate>[1] }).ledger;
    if (!ledger) throw new MeridianError('UNAVAILABLE', 'this node has no ledger to prove the request with');
    return completionCertificate(ctx.node, ledger, input.requestId);
  }),
});
