import { X509Certificate } from 'node:crypto';
import { MeridianError } from '../errors/meridian-error.ts';
import type { CertificateAuthority } from './certificate-authority.ts';
import { normalizeSerial } from './certificate-serial.ts';
import { REVOCATION_REASONS, signRevocationList, type RevocationReason, type VerifiedRevocationList } from './revocation-list.ts';

/**
 * Returns a new revocation list, signed by the CA, that adds `serial` and
 * carries the next `number`. Revoking a serial that is already listed returns
 * the list unchanged (idempotent, so a retried rotation does not churn list
 * numbers). Distribute the result to every node (e.g. `RevocationStore.update`);
 * it takes effect on their next request or handshake.
 *
 * @example
 * crl = revokeCertificate(ca, crl, identity.serial, 'keyCompromise');
 */
export function revokeCertificate(
  ca: CertificateAuthority,
  list: VerifiedRevocationList,
  serial: string,
  reason: RevocationReason,
  options: { now?: Date } = {},
): VerifiedRevocationList {
  if (list.issuer !== new X509Certificate(ca.certPem).fingerprint256) {
    throw new MeridianError('BAD_INPUT', 'the revocation list belongs to another CA', { reason: 'list_issuer_mismatch', listIssuer: list.issuer });
  }
  if (!(REVOCATION_REASONS as readonly string[]).includes(reason)) {
    throw new MeridianError('BAD_INPUT', 'unknown revocation reason', { field: 'reason' });
  }
  let canonical: string;
  try {
    canonical = normalizeSerial(serial);
  } catch (error) {
    throw new MeridianError('BAD_INPUT', 'serial is not hex', { field: 'serial' }, { cause: error });
  }
  if (list.revoked.some((entry) => entry.serial === canonical)) return list;
  return signRevocationList(ca, {
    number: list.number + 1,
    issuedAt: (options.now ?? new Date()).toISOString(),
    revoked: [...list.revoked, { serial: canonical, reason, revokedAt: (options.now ?? new Date()).toISOString() }],
  });
}
