import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { CertificateIdentity } from '@meridian/core/pki/index.ts';
import type { PeerAuthenticator } from './create-peer-authenticator.ts';
import { attachPeer } from './request-peer.ts';
import { writeRefusal } from './write-refusal.ts';

/**
 * Wraps any Node request handler (a tRPC `createHTTPHandler`, a health
 * endpoint, …) so that it only ever sees authenticated requests: each request
 * is checked by `authenticate`, refused with a typed 401/403 on failure, and
 * otherwise handed on with its peer available through `peerOf(req)`.
 *
 * @example
 * const handler = withMtls(createHTTPHandler({ router, createContext: createMtlsContext() }), authenticate);
 */
export function withMtls(handler: RequestListener, authenticate: PeerAuthenticator): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    let peer: CertificateIdentity;
    try {
      peer = authenticate(req);
    } catch (error) {
      writeRefusal(res, error);
      return;
    }
    attachPeer(req, peer);
    handler(req, res);
  };
}
