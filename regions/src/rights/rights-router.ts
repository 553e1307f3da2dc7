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
import { REGIONS } from '@meridian/core/policy/region-profile.ts';
import { submitAndForward } from './cross-region/submit-and-forward.ts';
import { relayVerification } from './cross-region/relay-verification.ts';
import { deliverForward } from './cross-region/deliver-forward.ts';
import { refreshForwardStatus } from './cross-region/refresh-forward-status.ts';
import { forwards } from './cross-region/forwards.repository.ts';

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
  /** Files a request; with `forward: true` and no local customer of that id, offers it to the other regions (the answer says where it went). */
  submit: authenticated.input(rightsRequestInputSchema).mutation(({ ctx, input }) =>
    input.forward ? submitAndForward(ctx.node, input, { notifier: outboxNotifier(ctx.node), actor: actorOf(ctx.caller) }) : submitRightsRequest(ctx.node, input, { notifier: outboxNotifier(ctx.node), actor: actorOf(ctx.caller) }),
  ),
  /** Checks a one-time code; for a forwarded request the code is relayed to the home region that sent it (`region` when there are two). */
  verify: authenticated
    .input(z.strictObject({ requestId: z.uuid(), code: z.string().regex(/^[0-9]{6}$/, 'six digits'), region: z.enum(REGIONS).optional() }))
    .mutation(async ({ ctx, input }) => {
      const r = await rightsRequests.get(ctx.node.db, input.requestId);
      return r.status === 'forwarded' ? relayVerification(ctx.node, input.requestId, input.code, input.region) : verifyRightsRequest(ctx.node, input.requestId, input.code);
    }),
  /** Where a forwarded request went and its status there (polled now when `refresh`); retries a pending delivery when `deliver`. */
  forwards: authenticated
    .input(z.strictObject({ requestId: z.uuid(), refresh: z.boolean().optional(), deliver: z.boolean().optional() }))
    .mutation(async ({ ctx, input }) => {
      if (input.deliver) await deliverForward(ctx.node, input.requestId);
      if (input.refresh) await refreshForwardStatus(ctx.node, input.requestId);
      const view = await forwards.view(ctx.node.db, input.requestId);
      if (!view) throw new MeridianError('NOT_FOUND', 'that request was not forwarded', { requestId: input.requestId });
      return view;
    }),
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
