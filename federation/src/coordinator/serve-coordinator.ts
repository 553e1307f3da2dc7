import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { createLogger, type Logger } from '@meridian/core/logging/create-logger.ts';
import { createMtlsContext } from '../transport/create-mtls-context.ts';
import { createMtlsServer } from '../transport/create-mtls-server.ts';
import { listenHttps, type ListeningHttpsServer } from '../transport/listen-https.ts';
import type { MtlsEndpoint } from '../transport/mtls-endpoint.ts';
import { createCoordinatorRouter } from './coordinator-router.ts';
import type { Coordinator } from './create-coordinator.ts';

/** The endpoint's certificate has role `coordinator`. */
export interface ServeCoordinatorOptions extends MtlsEndpoint {
  /** One or more federations (e.g. intent, sentiment, emotion), by their `federation` name. */
  coordinators: readonly Coordinator[];
  /** Largest request accepted; default 512 MiB, room for a 2^18 × 64 float32 update in base64. */
  maxBodyBytes?: number;
  logger?: Logger;
}

/** The served API's base URL (`https://127.0.0.1:7443`; the tRPC API is under `/trpc`), server and close. */
export type ServedCoordinator = ListeningHttpsServer;

/**
 * Serves coordinators over mTLS: `/trpc/*` (the round protocol, see
 * `createCoordinatorRouter`), `/healthz`, and `/metrics/<federation>`
 * (Prometheus). Every request, probes included, must present a federation
 * certificate: `createMtlsServer` checks CA, revocation and region claim
 * before anything here runs.
 *
 * @example
 * const served = await serveCoordinator({ coordinators: [coordinator], key, cert, ca, revocation });
 * const client = createCoordinatorClient({ url: served.url, agent, region: 'eu' });
 */
export async function serveCoordinator(options: ServeCoordinatorOptions): Promise<ServedCoordinator> {
  const logger = options.logger ?? createLogger({ component: 'coordinator-server' });
  const byName = new Map(options.coordinators.map((c) => [c.federation, c]));
  const trpc = createHTTPHandler({
    router: createCoordinatorRouter(byName),
    basePath: '/trpc/',
    maxBodySize: options.maxBodyBytes ?? 512 * 1024 * 1024,
    createContext: createMtlsContext(),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') logger.error({ path, err: { message: error.cause?.message ?? error.message, name: error.cause?.name } }, 'procedure failed');
    },
  });
  const server = createMtlsServer({
    key: options.key,
    cert: options.cert,
    ca: options.ca,
    revocation: options.revocation,
    allowedRoles: ['region', 'console', 'coordinator'],
    handler: async (req, res) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (path.startsWith('/trpc/')) return trpc(req, res);
      if (path === '/healthz') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', role: 'coordinator', federations: [...byName.keys()] }));
        return;
      }
      const metrics = /^\/metrics\/([^/]+)$/.exec(path);
      const coordinator = metrics && byName.get(decodeURIComponent(metrics[1] as string));
      if (coordinator) {
        res.writeHead(200, { 'content-type': coordinator.metrics.registry.contentType }).end(await coordinator.metrics.registry.metrics());
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no such route' } }));
    },
  });
  return listenHttps(server, options.port, options.host);
}
