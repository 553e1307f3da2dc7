import { z } from 'zod';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { NodeRole } from '@meridian/core/pki/index.ts';
import { createTrpc } from '@meridian/core/trpc/create-trpc.ts';
import type { MtlsContext } from '../transport/create-mtls-context.ts';
import type { RoundView } from '../round/round-view.ts';
import { fromWireUpdate, wireUpdateSchema } from '../round/wire-update.ts';
import type { Coordinator } from './create-coordinator.ts';
import { MAX_WAIT_MS } from './create-coordinator.ts';
import { CHANNEL_LIMITS } from './round-channel-store.ts';

const FEDERATION = z.string().regex(/^[A-Za-z0-9_./:-]{1,128}$/);
const HASH = z.string().regex(/^[0-9a-f]{64}$/);
const KEY = z.string().regex(/^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/);
const REGION = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/);
const BASE64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const finite = z.number().refine(Number.isFinite, 'must be finite');
const round = z.number().int().min(1);

/**
 * The coordinator's tRPC API, served only behind mTLS (`serveCoordinator`).
 * The caller's region is always the one in its certificate (`ctx.peer`),
 * never a field of the input, so no region can act for another. Round
 * procedures take `region` certificates only; `model.get` also `console`;
 * `status` any federation certificate.
 *
 * Participants drive everything (node-initiated): long-poll `round.poll`,
 * then `model.get`, `round.submit` / `round.fail`, `round.evaluate`. The
 * coordinator never opens a connection to a region, so regions can sit
 * behind NAT and firewalls that allow outbound HTTPS only.
 *
 * @example
 * const router = createCoordinatorRouter(new Map([['intent', coordinator]]));
 * const handler = createHTTPHandler({ router, basePath: '/trpc/', createContext: createMtlsContext() });
 */
export function createCoordinatorRouter(coordinators: ReadonlyMap<string, Coordinator>) {
  const t = createTrpc<MtlsContext>();
  const withRoles = (roles: readonly NodeRole[]) =>
    t.procedure.use(({ ctx, next }) => {
      if (!roles.includes(ctx.peer.role)) {
        throw new MeridianError('FORBIDDEN', `role ${ctx.peer.role} may not call this`, { reason: 'role_not_allowed', role: ctx.peer.role });
      }
      return next();
    });
  const region = withRoles(['region']);
  const reader = withRoles(['region', 'console']);
  const anyone = t.procedure;
  const coordinatorOf = (federation: string): Coordinator => {
    const c = coordinators.get(federation);
    if (!c) throw new MeridianError('NOT_FOUND', `no federation ${federation} here`, { reason: 'unknown_federation', federation });
    return c;
  };

  return t.router({
    round: t.router({
      poll: region
        .input(z.object({ federation: FEDERATION, known: z.string().max(64).optional(), waitMs: z.number().int().min(0).max(MAX_WAIT_MS).optional() }))
        .query(({ ctx, input, signal }): Promise<RoundView> => coordinatorOf(input.federation).poll(ctx.peer.region, input.known, input.waitMs ?? 0, signal)),

      submit: region.input(wireUpdateSchema).mutation(({ ctx, input }) => coordinatorOf(input.federation).submit(ctx.peer.region, fromWireUpdate(input, ctx.peer.region))),

      fail: region
        .input(z.object({ federation: FEDERATION, round, reason: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/) }))
        .mutation(({ ctx, input }) => {
          coordinatorOf(input.federation).reportFailure(ctx.peer.region, input.round, input.reason);
          return { recorded: true };
        }),

      evaluate: region
        .input(
          z.object({
            federation: FEDERATION,
            round,
            modelHash: HASH,
            numExamples: z.number().int().min(0),
            metrics: z.record(KEY, finite).refine((m) => Object.keys(m).length <= 64, 'at most 64 metrics'),
          }),
        )
        .mutation(({ ctx, input }) =>
          coordinatorOf(input.federation).reportEvaluation(ctx.peer.region, input.round, input.modelHash, { numExamples: input.numExamples, metrics: input.metrics }),
        ),

      post: region
        .input(
          z.object({
            federation: FEDERATION,
            round,
            topic: z.string().max(64),
            to: REGION.optional(),
            body: BASE64.max(Math.ceil(CHANNEL_LIMITS.messageBytes / 3) * 4),
          }),
        )
        .mutation(async ({ ctx, input }) => {
          await coordinatorOf(input.federation).channel(ctx.peer.region, input.round).post(input.topic, Buffer.from(input.body, 'base64'), input.to);
          return { posted: true };
        }),

      read: region
        .input(z.object({ federation: FEDERATION, round, topic: z.string().max(64), after: z.number().int().min(0).optional(), waitMs: z.number().int().min(0).max(MAX_WAIT_MS).optional() }))
        .query(async ({ ctx, input }) => {
          const messages = await coordinatorOf(input.federation).channel(ctx.peer.region, input.round).read(input.topic, { after: input.after ?? 0, waitMs: input.waitMs ?? 0 });
          return messages.map((m) => ({ seq: m.seq, topic: m.topic, from: m.from, to: m.to, body: Buffer.from(m.body).toString('base64') }));
        }),
    }),

    model: t.router({
      get: reader.input(z.object({ federation: FEDERATION, hash: HASH })).query(async ({ input }) => {
        const m = await coordinatorOf(input.federation).model(input.hash);
        return { hash: m.hash, codec: m.codec, bytes: Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength).toString('base64') };
      }),
    }),

    status: anyone.input(z.object({ federation: FEDERATION })).query(({ input }) => coordinatorOf(input.federation).status()),
  });
}

export type CoordinatorRouter = ReturnType<typeof createCoordinatorRouter>;
