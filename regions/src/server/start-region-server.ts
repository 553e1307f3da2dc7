import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { regionRouter } from './region-router.ts';
import { authenticateBearer, type TokenEntry } from './bearer-tokens.ts';
import type { RegionNode } from '../node/region-node.ts';
import { CONSOLE_ASSERTION_HEADER } from '@meridian/core/access/console-assertion.ts';
import type { ConsoleTrust } from '@meridian/core/access/console-trust.ts';

export interface RegionServerOptions {
  host?: string;
  port?: number;
  /** PEM key and certificate: serve HTTPS. */
  tls?: { key: string; cert: string };
  tokens: readonly TokenEntry[];
  /** Largest request body accepted, in bytes. */
  maxBodySize?: number;
  /** The console keys to accept `console.*` calls from (absent: every console call is refused). */
  consoleTrust?: ConsoleTrust;
}

export interface RunningRegionServer {
  url: string;
  server: http.Server;
  close(): Promise<void>;
}

/**
 * Serves a region node: `/trpc/*` (the API), `/healthz` (process alive),
 * `/readyz` (database reachable) and `/metrics` (Prometheus).
 */
export async function startRegionServer(node: RegionNode, opts: RegionServerOptions): Promise<RunningRegionServer> {
  const trpc = createHTTPHandler({
    router: regionRouter,
    basePath: '/trpc/',
    maxBodySize: opts.maxBodySize ?? 8 * 1024 * 1024,
    createContext: ({ req }) => {
      const assertion = req.headers[CONSOLE_ASSERTION_HEADER];
      return { node, caller: authenticateBearer(req.headers.authorization, opts.tokens), consoleAssertion: typeof assertion === 'string' ? assertion : undefined, consoleTrust: opts.consoleTrust };
    },
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') node.logger.error({ path, err: { message: error.cause?.message ?? error.message, name: error.cause?.name } }, 'procedure failed');
    },
  });
  const listener: http.RequestListener = async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', region: node.region }));
      return;
    }
    if (path === '/readyz') {
      try {
        await sql`select 1`.execute(node.db);
        node.metrics.ready.set(1);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ready', region: node.region }));
      } catch {
        node.metrics.ready.set(0);
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'unavailable', region: node.region }));
      }
      return;
    }
    if (path === '/metrics') {
      res.writeHead(200, { 'content-type': node.metrics.registry.contentType }).end(await node.metrics.registry.metrics());
      return;
    }
    if (path?.startsWith('/trpc/')) return trpc(req, res);
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no such route' } }));
  };
  const server = opts.tls ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, listener) : http.createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  node.metrics.ready.set(1);
  return {
    url: `${opts.tls ? 'https' : 'http'}://${host}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
