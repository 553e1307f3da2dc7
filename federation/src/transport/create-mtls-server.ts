import { createServer, type Server } from 'node:https';
import type { RequestListener, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { normalizeSerial, verifyCertificate, type NodeRole } from '@meridian/core/pki/index.ts';
import { createPeerAuthenticator } from './create-peer-authenticator.ts';
import type { RevocationStore } from './revocation-store.ts';
import { withMtls } from './with-mtls.ts';

export interface MtlsServerOptions {
  /** This node's TLS private key and certificate (PEM), issued by the federation CA. */
  key: string;
  cert: string;
  /** Federation CA certificate (PEM). */
  ca: string;
  revocation: RevocationStore;
  /** The application: typically `createHTTPHandler({ router, createContext: createMtlsContext() })`. */
  handler: RequestListener;
  allowedRoles?: readonly NodeRole[];
  requireRegionClaim?: boolean;
  now?: () => Date;
}

/**
 * An HTTPS server on which every request is mutually authenticated against the
 * federation CA before `handler` sees it (see `createPeerAuthenticator`).
 *
 * - `requestCert: true, rejectUnauthorized: false`: Node would otherwise drop a
 *   bad client without a word; here it gets a typed 401/403 JSON answer.
 * - Revocation: every request is checked against `revocation.current()`, and
 *   when the store changes, open connections of newly revoked peers are
 *   closed, so nothing long-lived survives a revocation: idle ones at once,
 *   busy ones right after their in-flight responses (answered with
 *   `Connection: close`). Letting the in-flight response finish matters for
 *   rotation, where the very request that revokes the old certificate carries
 *   the new one back.
 * - TLS 1.3 only: every node is a Node 24 process, so no downgrade surface is
 *   needed.
 * - The server's own certificate is verified at start: a node with a revoked,
 *   expired or foreign certificate refuses to serve rather than failing every
 *   peer's handshake.
 * - Rotate the server's own certificate with `server.setSecureContext({ key, cert, ca })`.
 *
 * @example
 * const server = createMtlsServer({ key, cert, ca, revocation, allowedRoles: ['region', 'coordinator'],
 *   handler: createHTTPHandler({ router, createContext: createMtlsContext() }) });
 * server.listen(0, '127.0.0.1');
 */
export function createMtlsServer(options: MtlsServerOptions): Server {
  verifyCertificate(options.cert, options.ca, {
    revocation: options.revocation.current(),
    ...(options.now === undefined ? {} : { now: options.now() }),
  });
  const authenticate = createPeerAuthenticator(options);
  const handler = withMtls(options.handler, authenticate);
  /** Responses still being written, per connection. */
  const inFlight = new Map<TLSSocket, Set<ServerResponse>>();
  /** Connections of revoked peers, to close once their in-flight responses are done. */
  const doomed = new WeakSet<TLSSocket>();
  const server = createServer(
    { key: options.key, cert: options.cert, ca: options.ca, requestCert: true, rejectUnauthorized: false, minVersion: 'TLSv1.3' },
    (req, res) => {
      const socket = req.socket as TLSSocket;
      const responses = inFlight.get(socket) ?? new Set<ServerResponse>();
      inFlight.set(socket, responses);
      responses.add(res);
      res.once('close', () => {
        responses.delete(res);
        if (responses.size > 0) return;
        inFlight.delete(socket);
        if (doomed.has(socket)) socket.destroy();
      });
      handler(req, res);
    },
  );

  const sockets = new Set<TLSSocket>();
  server.on('secureConnection', (socket: TLSSocket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const unsubscribe = options.revocation.subscribe((list) => {
    const revoked = new Set(list.revoked.map((entry) => entry.serial));
    for (const socket of sockets) {
      const serial = socket.getPeerX509Certificate()?.serialNumber;
      if (serial === undefined || !revoked.has(normalizeSerial(serial))) continue;
      const busy = inFlight.get(socket);
      if (busy === undefined || busy.size === 0) {
        socket.destroy();
        continue;
      }
      doomed.add(socket);
      for (const res of busy) if (!res.headersSent) res.setHeader('connection', 'close');
    }
  });
  server.once('close', unsubscribe);
  return server;
}
