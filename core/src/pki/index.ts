/**
 * Federation PKI: the CA, enrollment by CSR, node certificates carrying
 * region / role / Ed25519 ledger key (`MERIDIAN_OIDS`), a signed revocation
 * list, and the verifier every mTLS link and the ledger use.
 */
export type { CertificateAuthority } from './certificate-authority.ts';
export { normalizeSerial } from './certificate-serial.ts';
export { isCommonName } from './common-name.ts';
export { createCertificateAuthority, type CreateCertificateAuthorityOptions } from './create-certificate-authority.ts';
export { createCsr, type CreateCsrOptions } from './create-csr.ts';
export { createLedgerKeyPair } from './create-ledger-key-pair.ts';
export { createRevocationList } from './create-revocation-list.ts';
export { issueCertificate, type IssueCertificateOptions } from './issue-certificate.ts';
export { MERIDIAN_OIDS } from './meridian-oids.ts';
export { NODE_ROLES, isNodeRole, type NodeRole } from './node-role.ts';
export { readCsr, type CsrContents } from './read-csr.ts';
export { isRegionId } from './region-id.ts';
export {
  REVOCATION_REASONS,
  type RevocationList,
  type RevocationReason,
  type RevokedCertificate,
  type VerifiedRevocationList,
} from './revocation-list.ts';
export { revokeCertificate } from './revoke-certificate.ts';
export { verifyCertificate, type CertificateIdentity, type VerifyCertificateOptions } from './verify-certificate.ts';
export { verifyRevocationList } from './verify-revocation-list.ts';
