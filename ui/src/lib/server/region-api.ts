import { readFileSync } from 'node:fs';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { Agent } from 'undici';
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import type { Region } from '@meridian/core/policy/region-profile.ts';
import { CONSOLE_ASSERTION_HEADER } from '@meridian/core/access/console-assertion.ts';
import { signConsoleAssertion } from '@meridian/core/access/sign-console-assertion.ts';
import type { ConsoleGrant } from '@meridian/core/access/console-grant.ts';
import type { RegionRouter } from '@meridian/regions/server/region-router.ts';
import type { ConsoleConfig } from './console-config.ts';

/** The signed-in console user on whose behalf a call is made. */
export interface ConsoleCaller {
  userId: string;
  sessionId: string;
  grants: readonly ConsoleGrant[];
}

/** One region node as the console reaches it. */
export interface RegionApi {
  region: Region;
  url: string;
  /**
   * The node's typed API on behalf of one user: every HTTP call carries a
   * fresh assertion (Ed25519, single use, 60 s, for this node only) naming the
   * user, their session and their grants, which the node checks against
   * `core/src/access` itself.
   */
  as(caller: ConsoleCaller): TRPCClient<RegionRouter>;
  /** The node's unauthenticated procedures (`node.info`). */
  anonymous: TRPCClient<RegionRouter>;
}

/**
 * tRPC clients for the configured region nodes, over HTTPS trusting the
 * federation's CA, signing console identity assertions with the console's key.
 *
 * @example
 * const eu = regionApis(config).get('eu')!;
 * const page = await eu.as({ userId, sessionId, grants }).console.requests.queue.query({ limit: 50 });
 */
export function regionApis(config: Pick<ConsoleConfig, 'regions' | 'caFile' | 'signingKeyFile'>): Map<Region, RegionApi> {
  const ca = config.caFile ? readFileSync(config.caFile, 'utf8') : undefined;
  const key: KeyObject = createPrivateKey(readFileSync(config.signingKeyFile, 'utf8'));
  const dispatcher = new Agent({ connect: ca ? { ca } : {}, keepAliveTimeout: 10_000 });
  const fetchWith = ((input: string, init?: RequestInit) => fetch(input, { ...init, dispatcher, signal: init?.signal ?? AbortSignal.timeout(15_000) } as RequestInit)) as typeof fetch;
  const apis = new Map<Region, RegionApi>();
  for (const [region, url] of Object.entries(config.regions) as [Region, string][]) {
    const client = (headers: () => Record<string, string>) => createTRPCClient<RegionRouter>({ links: [httpLink({ url: `${url}/trpc`, headers, fetch: fetchWith })] });
    apis.set(region, {
      region,
      url,
      as: (caller) => client(() => ({ [CONSOLE_ASSERTION_HEADER]: signConsoleAssertion(key, { ...caller, audience: region }) })),
      anonymous: client(() => ({})),
    });
  }
  return apis;
}
