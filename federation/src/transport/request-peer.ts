import type { IncomingMessage } from 'node:http';
import type { CertificateIdentity } from '@meridian/core/pki/index.ts';

/** Peers authenticated by `withMtls`, keyed by request; weak so requests are never kept alive by it. */
const peers = new WeakMap<IncomingMessage, CertificateIdentity>();

/**
 * The verified peer of a request that went through `withMtls`, or undefined.
 *
 * @example
 * const peer = peerOf(req); // { region: 'eu', role: 'region', … }
 */
export function peerOf(req: IncomingMessage): CertificateIdentity | undefined {
  return peers.get(req);
}

/** Records the verified peer of a request. Only `withMtls` calls this. */
export function attachPeer(req: IncomingMessage, peer: CertificateIdentity): void {
  peers.set(req, peer);
}
