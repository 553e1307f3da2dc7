import type { IncomingMessage } from 'node:http';
import { TRPCError } from '@trpc/server';
import { isMeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { CertificateIdentity } from '@meridian/core/pki/index.ts';
import type { PeerAuthenticator } from './create-peer-authenticator.ts';
import { peerOf } from './request-peer.ts';
import { trpcErrorOf } from './trpc-error-of.ts';

/** The tRPC context of a federation endpoint: the verified peer. */
export interface MtlsContext {
  peer: CertificateIdentity;
}

/**
 * A tRPC `createContext` for `@trpc/server/adapters/standalone`'s
 * `createHTTPHandler`. Behind `withMtls` / `createMtlsServer` it reuses the
 * peer already verified for the request. Given an `authenticate` function it
 * also works behind any other HTTPS server, verifying the peer itself. Without
 * either it fails closed with `UNAUTHORIZED`, never with an anonymous context.
 *
 * @example
 * const t = initTRPC.context<MtlsContext>().create();
 * const handler = createHTTPHandler({ router, createContext: createMtlsContext() });
 */
export function createMtlsContext(authenticate?: PeerAuthenticator): (options: { req: IncomingMessage }) => MtlsContext {
  return ({ req }) => {
    const known = peerOf(req);
    if (known !== undefined) return { peer: known };
    if (authenticate === undefined) {
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'request did not pass mTLS authentication' });
    }
    try {
      return { peer: authenticate(req) };
    } catch (error) {
      throw isMeridianError(error) ? trpcErrorOf(error) : error;
    }
  };
}
