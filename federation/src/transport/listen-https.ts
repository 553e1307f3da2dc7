import { once } from 'node:events';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';

/** An HTTPS server listening, with its base URL and a close that drops keep-alive connections. */
export interface ListeningHttpsServer {
  /** e.g. `https://127.0.0.1:7443` (IPv6 hosts bracketed). */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Starts an HTTPS server (default: any free port on loopback) and resolves
 * once it listens, or rejects with the listen error (port taken, bad host).
 * `close` ends idle keep-alive sockets too, so a stop does not hang on pooled clients.
 *
 * @example
 * const { url, close } = await listenHttps(createMtlsServer({ key, cert, ca, revocation, handler }));
 */
export async function listenHttps(server: Server, port = 0, host = '127.0.0.1'): Promise<ListeningHttpsServer> {
  server.listen(port, host);
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([e]) => Promise.reject(e as Error))]);
  const { port: bound, address } = server.address() as AddressInfo;
  const shown = address.includes(':') ? `[${address}]` : address;
  return {
    url: `https://${shown}:${bound}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
