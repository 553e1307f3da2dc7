import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { createMtlsServer } from '@meridian/federation/transport/create-mtls-server.ts';
import { listenHttps, type ListeningHttpsServer } from '@meridian/federation/transport/listen-https.ts';
import type { MtlsEndpoint } from '@meridian/federation/transport/mtls-endpoint.ts';
import { createMtlsContext } from '@meridian/federation/transport/create-mtls-context.ts';
import type { RegionNode } from '../../node/region-node.ts';
import type { Notifier } from '../notifier.ts';
import { outboxNotifier } from '../outbox-notifier.ts';
import { peerRouter } from './peer-router.ts';
import { peerRateLimiter } from './peer-rate-limiter.ts';

/** The endpoint is this region node's federation identity (role `region`). */
export interface PeerServerOptions extends MtlsEndpoint {
  /** Where one-time codes of forwarded requests go; default the node's outbox. */
  notifier?: Notifier;
  rateLimit?: { perMinute?: number; burst?: number };
  /** Floor of every forward's response time; default 250 ms. */
  minResponseMs?: number;
}

export type RunningPeerServer = ListeningHttpsServer;

/**
 * Serves `peer.*` to the other region nodes on its own port, over mutual TLS
 * against the federation CA (TLS 1.3; certificate, revocation, role `region`
 * and the `x-meridian-region` header are checked on every request; see
 * federation/src/transport). Refuses to start with a revoked or foreign
 * certificate of its own.
 *
 * @example
 * const peer = await startPeerServer(node, { key, cert, ca, revocation, port: 7201 });
 * // the other regions list peer.url for this region
 */
export async function startPeerServer(node: RegionNode, opts: PeerServerOptions): Promise<RunningPeerServer> {
  const notifier = opts.notifier ?? outboxNotifier(node);
  const limiter = peerRateLimiter(opts.rateLimit);
  const minResponseMs = opts.minResponseMs ?? 250;
  const mtls = createMtlsContext();
  const handler = createHTTPHandler({
    router: peerRouter,
    maxBodySize: 16 * 1024,
    createContext: ({ req }) => ({ ...mtls({ req }), node, notifier, limiter, minResponseMs }),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') node.logger.error({ path, err: { message: error.cause?.message ?? error.message, name: error.cause?.name } }, 'peer procedure failed');
    },
  });
  const server = createMtlsServer({ key: opts.key, cert: opts.cert, ca: opts.ca, revocation: opts.revocation, allowedRoles: ['region'], handler });
  return listenHttps(server, opts.port, opts.host);
}
