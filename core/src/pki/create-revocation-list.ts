import type { CertificateAuthority } from './certificate-authority.ts';
import { signRevocationList, type VerifiedRevocationList } from './revocation-list.ts';

/**
 * The CA's first, empty revocation list (number 0). Publish it with the CA
 * certificate so every node starts from a signed list.
 *
 * @example
 * let crl = createRevocationList(ca);
 * crl = revokeCertificate(ca, crl, oldSerial, 'superseded');
 */
export function createRevocationList(ca: CertificateAuthority, options: { now?: Date } = {}): VerifiedRevocationList {
  return signRevocationList(ca, { number: 0, issuedAt: (options.now ?? new Date()).toISOString(), revoked: [] });
}
