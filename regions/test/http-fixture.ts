import { beforeAll, afterAll } from 'vitest';
import type { DialectName } from '@meridian/core/db/open-database.ts';
import { testNode } from './node-fixture.ts';
import { parseTokens } from '../src/server/bearer-tokens.ts';
import { startRegionServer } from '../src/server/start-region-server.ts';
import type { RegionNode } from '../src/node/region-node.ts';

export const TEST_TOKEN = 'test-token-0123456789abcdef';

export async function serve(node: RegionNode) {
  const server = await startRegionServer(node, { tokens: parseTokens(`tests:${TEST_TOKEN}`) });
  const call = async (path: string, body: string | unknown, token: string | null = TEST_TOKEN) => {
    const res = await fetch(`${server.url}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => null)) as any;
    return { status: res.status, json };
  };
  return { server, call };
}

/**
 * A served eu node for a describe block: registers its own start and stop hooks
 * and returns a handle whose fields are set once `beforeAll` ran.
 */
export function servedNodeFor(dialect: DialectName) {
  const h = {} as { node: Awaited<ReturnType<typeof testNode>>; http: Awaited<ReturnType<typeof serve>> };
  beforeAll(async () => {
    h.node = await testNode('eu', dialect);
    h.http = await serve(h.node);
  });
  afterAll(async () => {
    await h.http?.server.close();
    await h.node?.close();
  });
  return h;
}
