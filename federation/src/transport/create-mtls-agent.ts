import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { Agent } from 'undici';
import { verifyCertificate, type NodeRole } from '@meridian/core/pki/index.ts';
import type { RevocationStore } from './revocation-store.ts';

export interface MtlsAgentOptions {
  /** Federation CA certificate (PEM): the only server trust anchor, instead of the public web PKI. */
  ca: string;
  /** This node's TLS key and certificate (PEM), presented as the client certificate. */
  key: string;
  cert: string;
  /** When given, a server whose certificate is revoked is refused at the handshake. */
  revocation?: RevocationStore;
  /**
   * Who the server must be. Every federation certificate names `localhost`,
   * so the host name alone cannot tell the coordinator from a region: pin the
   * role (and, for peer regions, the region) here.
   */
  expectServer?: { roles?: readonly NodeRole[]; region?: string };
  /** Clock for validity checks (tests). */
  now?: () => Date;
  /** Maximum connections per origin (undici's `connections`); unlimited by default. */
  connections?: number;
}

/**
 * An undici `Agent` for mTLS to federation servers, for use as the fetch
 * `dispatcher` (see `createMtlsTrpcClient`). The server is checked at every
 * handshake: host name as usual, then `verifyCertificate` against the
 * federation CA, the current revocation list and `expectServer`. Pooled
 * connections are reused until they close, so a server revocation applies
 * from the next handshake; call `agent.close()` to force one.
 *
 * @example
 * const agent = createMtlsAgent({ ca, key, cert, revocation, expectServer: { roles: ['coordinator'] } });
 */
export function createMtlsAgent(options: MtlsAgentOptions): Agent {
  const ca = new X509Certificate(options.ca);
  return new Agent({
    ...(options.connections === undefined ? {} : { connections: options.connections }),
    connect: {
      ca: options.ca,
      key: options.key,
      cert: options.cert,
      minVersion: 'TLSv1.3',
      checkServerIdentity(host: string, peer: PeerCertificate): Error | undefined {
        const hostError = checkServerIdentity(host, peer);
        if (hostError !== undefined) return hostError;
        try {
          verifyCertificate(new Uint8Array(peer.raw), ca, {
            ...(options.revocation === undefined ? {} : { revocation: options.revocation.current() }),
            ...(options.now === undefined ? {} : { now: options.now() }),
            ...(options.expectServer?.roles === undefined ? {} : { roles: options.expectServer.roles }),
            ...(options.expectServer?.region === undefined ? {} : { region: options.expectServer.region }),
          });
          return undefined;
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      },
    },
  });
}
