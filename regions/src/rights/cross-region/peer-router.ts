import { setTimeout as sleep } from 'node:timers/promises';
import { createTrpc } from '@meridian/core/trpc/create-trpc.ts';
import type { CertificateIdentity } from '@meridian/core/pki/index.ts';
import type { RegionNode } from '../../node/region-node.ts';
import type { Notifier } from '../notifier.ts';
import { forwardInputSchema, relayedCodeInputSchema, statusInputSchema } from './peer-protocol.ts';
import type { PeerRateLimiter } from './peer-rate-limiter.ts';
import { acceptForwardedRequest } from './accept-forwarded-request.ts';
import { forwardedRequestStatus } from './forwarded-request-status.ts';
import { verifyRelayedCode } from './verify-relayed-code.ts';

/** A peer call's context: the node, and the peer region node verified by mTLS (CA, revocation, role, region header). */
export interface PeerContext {
  node: RegionNode;
  peer: CertificateIdentity;
  notifier: Notifier;
  limiter: PeerRateLimiter;
  /** Every forward is answered no sooner than this, whether the subject lives here or not. */
  minResponseMs: number;
}

const t = createTrpc<PeerContext>();

// Lookups, status polls and relayed codes all spend the requesting region's allowance.
const limited = t.procedure.use(({ ctx, next }) => {
  ctx.limiter.take(ctx.peer.region);
  return next();
});

/**
 * What one region node serves the others over mTLS (`peer.*`): forwarded
 * rights requests, their status, and relayed one-time codes. Inputs are
 * strict zod schemas; every refusal is a typed 4xx.
 *
 * @example
 * const answer = await peers.client('sea').forward.mutate({ requesterRegion: 'eu', requestId, type: 'erasure', channel: 'email', tag, keyId, jurisdiction: 'EU-GDPR', receivedAt, statutoryDeadline });
 */
export const peerRouter = t.router({
  forward: limited.input(forwardInputSchema).mutation(async ({ ctx, input }) => {
    const started = performance.now();
    try {
      return await acceptForwardedRequest(ctx.node, ctx.peer, input, { notifier: ctx.notifier });
    } finally {
      // The home path writes more than the "not here" path: pad both to one floor so timing does not tell them apart.
      const wait = ctx.minResponseMs - (performance.now() - started);
      if (wait > 0) await sleep(wait);
    }
  }),
  status: limited.input(statusInputSchema).query(({ ctx, input }) => forwardedRequestStatus(ctx.node, ctx.peer, input)),
  verify: limited.input(relayedCodeInputSchema).mutation(({ ctx, input }) => verifyRelayedCode(ctx.node, ctx.peer, input)),
});

export type PeerRouter = typeof peerRouter;
