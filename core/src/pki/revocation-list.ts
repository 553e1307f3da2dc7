import { X509Certificate, sign } from 'node:crypto';
import type { CertificateAuthority } from './certificate-authority.ts';
import { compareSerials } from './certificate-serial.ts';

/** RFC 5280 §5.3.1 reason codes that make sense for a federation node. */
export const REVOCATION_REASONS = ['unspecified', 'keyCompromise', 'superseded', 'cessationOfOperation', 'affiliationChanged'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

export interface RevokedCertificate {
  /** Canonical serial (see `normalizeSerial`). */
  serial: string;
  reason: RevocationReason;
  /** ISO-8601 instant. */
  revokedAt: string;
}

/**
 * The federation's signed certificate revocation list. It plays the role of
 * an X.509 CRL (node-forge cannot write CRLs) in a format that is simple to
 * check: a JSON document signed by the CA key (RSA PKCS#1 v1.5 / SHA-256) over
 * `revocationListPayload`. `number` grows by one with every change, like
 * the CRLNumber extension, so holders can refuse a rolled-back list.
 */
export interface RevocationList {
  format: 'meridian-revocation-list/v1';
  /** SHA-256 fingerprint of the CA certificate, as `X509Certificate.fingerprint256` prints it. */
  issuer: string;
  number: number;
  /** ISO-8601 instant of signing. */
  issuedAt: string;
  /** Sorted by serial, no duplicates. */
  revoked: readonly RevokedCertificate[];
  /** Base64 RSA signature over `revocationListPayload`. */
  signature: string;
}

declare const verifiedBrand: unique symbol;
/**
 * A revocation list whose signature has been checked against a CA. Only
 * `verifyRevocationList`, `createRevocationList` and `revokeCertificate`
 * produce one, so `verifyCertificate` cannot be handed an unchecked list.
 */
export type VerifiedRevocationList = RevocationList & { readonly [verifiedBrand]: true };

/**
 * The exact bytes the CA signs: a JSON array in fixed field order behind a
 * domain-separation tag, so no JSON key-order or whitespace ambiguity exists
 * and a list signature can never be replayed as some other signed object.
 */
export function revocationListPayload(list: Omit<RevocationList, 'signature'>): Buffer {
  return Buffer.from(
    JSON.stringify([list.format, list.issuer, list.number, list.issuedAt, list.revoked.map((r) => [r.serial, r.reason, r.revokedAt])]),
    'utf8',
  );
}

/** Signs list contents with the CA key. Internal to the PKI: callers use `createRevocationList` / `revokeCertificate`. */
export function signRevocationList(ca: CertificateAuthority, unsigned: Omit<RevocationList, 'signature' | 'format' | 'issuer'>): VerifiedRevocationList {
  const body = {
    format: 'meridian-revocation-list/v1' as const,
    issuer: new X509Certificate(ca.certPem).fingerprint256,
    number: unsigned.number,
    issuedAt: unsigned.issuedAt,
    revoked: [...unsigned.revoked].sort((a, b) => compareSerials(a.serial, b.serial)),
  };
  const signature = sign('sha256', revocationListPayload(body), ca.keyPem).toString('base64');
  return { ...body, signature } as unknown as VerifiedRevocationList;
}
