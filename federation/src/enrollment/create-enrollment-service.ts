import { X509Certificate } from 'node:crypto';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import {
  issueCertificate,
  readCsr,
  verifyCertificate,
  type CertificateAuthority,
  type CertificateIdentity,
  type RevocationReason,
} from '@meridian/core/pki/index.ts';
import type { EnrollmentGrant } from './enrollment-token-store.ts';

export interface EnrollmentServiceOptions {
  ca: CertificateAuthority;
  /** Regions of this federation; a grant or CSR for any other region is refused. */
  allowedRegions: readonly string[];
  /** Lifetime of issued certificates; short lifetimes bound the damage of an unnoticed key theft. */
  validDays: number;
  /** Spends an enrollment token (see `createEnrollmentTokenStore`). */
  consumeToken: (token: string) => EnrollmentGrant | undefined | Promise<EnrollmentGrant | undefined>;
  /** Revokes a serial and publishes the new list (e.g. `store.update(revokeCertificate(ca, store.current(), serial, reason))`). */
  revoke: (serial: string, reason: RevocationReason) => void | Promise<void>;
  now?: () => Date;
}

/** What a node receives: its certificate and the trust anchor to check peers with. */
export interface EnrollmentResult {
  certPem: string;
  caPem: string;
  serial: string;
  notAfter: Date;
}

export interface EnrollmentService {
  /**
   * First enrollment: a CSR plus a one-time token. The token is spent even
   * when the request is then refused, so a token cannot be probed. Throws
   * `MeridianError` `BAD_INPUT` (bad CSR), `UNAUTHENTICATED` (unknown, used or
   * expired token) or `FORBIDDEN` (CSR asks for another region/role than the
   * grant, or a region outside the federation).
   */
  enroll(request: { csrPem: string; token: string }): Promise<EnrollmentResult>;
  /**
   * Rotation: a node authenticated by its current certificate (the mTLS peer)
   * sends a CSR for a new key with the same region and role; it gets a new
   * certificate and the old serial is revoked as `superseded`.
   */
  rotate(request: { csrPem: string; peer: CertificateIdentity }): Promise<EnrollmentResult>;
}

/**
 * The CA side of enrollment by CSR, which the coordinator hosts. It is
 * transport-agnostic: the coordinator exposes `enroll` on a TLS endpoint that
 * does not yet require a client certificate (the node has none), and `rotate`
 * on an mTLS endpoint (pass `ctx.peer`).
 *
 * @example
 * const enrollment = createEnrollmentService({ ca, allowedRegions: ['eu', 'sea', 'me'], validDays: 30,
 *   consumeToken: tokens.consume, revoke: (serial, reason) => { revocation.update(revokeCertificate(ca, revocation.current(), serial, reason)); } });
 * const { certPem } = await enrollment.enroll({ csrPem, token });
 */
export function createEnrollmentService(options: EnrollmentServiceOptions): EnrollmentService {
  const now = options.now ?? (() => new Date());
  const issue = (csrPem: string, grant: EnrollmentGrant): EnrollmentResult => {
    if (!options.allowedRegions.includes(grant.region)) {
      throw new MeridianError('FORBIDDEN', `region ${grant.region} is not part of this federation`, {
        reason: 'region_not_allowed',
        region: grant.region,
        allowedRegions: [...options.allowedRegions],
      });
    }
    const certPem = issueCertificate(options.ca, csrPem, { validDays: options.validDays, now: now(), expect: grant });
    const issued = new X509Certificate(certPem);
    const identity = verifyCertificate(issued, options.ca.certPem, { now: now() });
    return { certPem, caPem: options.ca.certPem, serial: identity.serial, notAfter: identity.notAfter };
  };
  return {
    async enroll({ csrPem, token }) {
      // Parse (and verify) the CSR before spending the token, so a corrupted upload does not burn it.
      readCsr(csrPem);
      const grant = await options.consumeToken(token);
      if (grant === undefined) {
        throw new MeridianError('UNAUTHENTICATED', 'enrollment token is unknown, used or expired', { reason: 'invalid_enrollment_token' });
      }
      return issue(csrPem, grant);
    },
    async rotate({ csrPem, peer }) {
      const result = issue(csrPem, { region: peer.region, role: peer.role });
      await options.revoke(peer.serial, 'superseded');
      return result;
    },
  };
}
