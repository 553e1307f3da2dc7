import type { TRPCClient } from '@trpc/client';
import type { Dispatcher } from 'undici';
import type { CoordinatorRouter } from '../../coordinator/coordinator-router.ts';
import { createMtlsTrpcClient } from '../../transport/create-mtls-trpc-client.ts';

/** A typed client of the coordinator's round protocol. */
export type CoordinatorClient = TRPCClient<CoordinatorRouter>;

/**
 * A region's mTLS client of the coordinator. `agent` carries the region's
 * certificate (`createMtlsAgent`, with `expectServer: { roles: ['coordinator'] }`);
 * `region` must be the certificate's region.
 *
 * @example
 * const agent = createMtlsAgent({ ca, key, cert, expectServer: { roles: ['coordinator'] } });
 * const client = createCoordinatorClient({ url: 'https://127.0.0.1:7443', agent, region: 'eu' });
 */
export function createCoordinatorClient(options: { url: string; agent: Dispatcher; region: string }): CoordinatorClient {
  return createMtlsTrpcClient<CoordinatorRouter>({ url: `${options.url.replace(/\/+$/, '')}/trpc`, agent: options.agent, region: options.region });
}
