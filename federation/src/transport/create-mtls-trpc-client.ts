import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';
import { fetch as undiciFetch, type Dispatcher } from 'undici';
import { REGION_CLAIM_HEADER } from './region-claim-header.ts';

export interface MtlsTrpcClientOptions {
  /** e.g. `https://127.0.0.1:7443`. */
  url: string;
  /** From `createMtlsAgent` (any undici dispatcher works); it carries the client certificate. Close it when done. */
  agent: Dispatcher;
  /** The region this node speaks for; must equal the region in its certificate or the server answers 403. */
  region: string;
}

/**
 * A typed tRPC client over mTLS, for routers without a data transformer: `httpBatchLink` whose fetch goes through
 * undici with the mTLS `agent` as dispatcher, and which states this node's
 * region in the `x-meridian-region` header on every request.
 *
 * @example
 * const agent = createMtlsAgent({ ca, key, cert, expectServer: { roles: ['coordinator'] } });
 * const coordinator = createMtlsTrpcClient<CoordinatorRouter>({ url, agent, region: 'eu' });
 * await coordinator.round.join.mutate({ region: 'eu' });
 * await agent.close();
 */
export function createMtlsTrpcClient<TRouter extends AnyTRPCRouter>(options: MtlsTrpcClientOptions): TRPCClient<TRouter> {
  return createTRPCClient<TRouter>({
    links: [
      // The options type depends on whether TRouter has a data transformer, which TypeScript cannot
      // resolve for a generic router; federation routers use none (plain JSON), hence the cast.
      httpBatchLink<TRouter>({
        url: options.url,
        headers: { [REGION_CLAIM_HEADER]: options.region },
        // undici's own fetch, so the dispatcher is the same undici version as the Agent.
        fetch: (input: unknown, init: unknown) => undiciFetch(String(input), { ...(init as object), dispatcher: options.agent }),
      } as unknown as Parameters<typeof httpBatchLink<TRouter>>[0]),
    ],
  });
}
