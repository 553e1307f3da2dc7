import type { IncomingMessage } from 'node:http';
import { TLSSocket } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { isRegionId, verifyCertificate, type CertificateIdentity, type NodeRole } from '@meridian/core/pki/index.ts';
import { REGION_CLAIM_HEADER } from './region-claim-header.ts';
import type { RevocationStore } from './revocation-store.ts';

export interface PeerAuthenticatorOptions {
  /** Federation CA certificate (PEM): the only trust anchor. */
  ca: string;
  /** Consulted on every request, so a revocation applies to the next request even on a kept-alive connection. */
  revocation: RevocationStore;
  /** Roles this server serves; others get `FORBIDDEN` / `role_not_allowed`. Default: all roles. */
  allowedRoles?: readonly NodeRole[];
  /**
   * Require the `x-meridian-region` header and refuse it unless it matches the
   * certificate's region. Default true; turn off only for endpoints whose
   * input carries the region and that call `assertRegionClaim`.
   */
  requireRegionClaim?: boolean;
  /** Clock for validity checks (tests). */
  now?: () => Date;
}

/** Authenticates one request and returns the verified peer, or throws `MeridianError`. */
export type PeerAuthenticator = (req: IncomingMessage) => CertificateIdentity;

/**
 * Builds the per-request mTLS check. For each request it:
 * 1. requires a TLS socket and a client certificate (`no_client_certificate`);
 * 2. requires a well-formed region claim header (`missing_region_claim`);
 * 3. runs `verifyCertificate` against the CA, the store's CURRENT revocation
 *    list, the allowed roles and the claimed region (typed reasons:
 *    `wrong_issuer`, `expired`, `revoked`, `region_mismatch`, …);
 * 4. finally requires `socket.authorized`, so OpenSSL's own chain and purpose
 *    checks must also pass (defence in depth; the server runs with
 *    `rejectUnauthorized: false` only so it can answer with a typed error).
 *
 * The check runs per request rather than per connection because keep-alive
 * connections outlive revocations, and a resumed TLS session skips the
 * handshake-time verification.
 *
 * @example
 * const authenticate = createPeerAuthenticator({ ca: caPem, revocation, allowedRoles: ['region', 'coordinator'] });
 * const peer = authenticate(req); // throws MeridianError 401/403
 */
export function createPeerAuthenticator(options: PeerAuthenticatorOptions): PeerAuthenticator {
  const ca = new X509Certificate(options.ca);
  const requireClaim = options.requireRegionClaim ?? true;
  return (req) => {
    const socket = req.socket;
    if (!(socket instanceof TLSSocket)) {
      throw new MeridianError('UNAUTHENTICATED', 'federation endpoints are only served over mutual TLS', { reason: 'not_tls' });
    }
    const peer = socket.getPeerX509Certificate();
    if (peer === undefined) {
      throw new MeridianError('UNAUTHENTICATED', 'no client certificate was presented', { reason: 'no_client_certificate' });
    }
    const claim = req.headers[REGION_CLAIM_HEADER];
    if (claim !== undefined && !isRegionId(claim)) {
      throw new MeridianError('UNAUTHENTICATED', `the ${REGION_CLAIM_HEADER} header is not a region id`, { reason: 'malformed_region_claim' });
    }
    if (claim === undefined && requireClaim) {
      throw new MeridianError('UNAUTHENTICATED', `the ${REGION_CLAIM_HEADER} header is required`, { reason: 'missing_region_claim' });
    }
    const identity = verifyCertificate(peer, ca, {
      revocation: options.revocation.current(),
      ...(options.now === undefined ? {} : { now: options.now() }),
      ...(options.allowedRoles === undefined ? {} : { roles: options.allowedRoles }),
      ...(claim === undefined ? {} : { region: claim }),
    });
    if (!socket.authorized) {
      throw new MeridianError('UNAUTHENTICATED', 'the TLS layer did not authorize the client certificate', {
        reason: 'tls_unauthorized',
        serial: identity.serial,
        tlsError: String(socket.authorizationError),
      });
    }
    return identity;
  };
}
