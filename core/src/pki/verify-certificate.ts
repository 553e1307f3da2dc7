import { X509Certificate } from 'node:crypto';
import { MeridianError, type Evidence } from '../errors/meridian-error.ts';
import { normalizeSerial } from './certificate-serial.ts';
import { DER_TAG, derChildren, readDerExact } from './der.ts';
import type { NodeRole } from './node-role.ts';
import { readMeridianExtensions } from './read-meridian-extensions.ts';
import type { RevocationReason, VerifiedRevocationList } from './revocation-list.ts';

/** Reasons after which signatures made before the revocation remain trustworthy. */
const RETIRED_IN_GOOD_STANDING: ReadonlySet<RevocationReason> = new Set(['superseded', 'cessationOfOperation', 'affiliationChanged']);

/** Who a verified certificate says its holder is. */
export interface CertificateIdentity {
  commonName: string;
  region: string;
  role: NodeRole;
  /** Raw 32-byte Ed25519 checkpoint-signing key bound to this node, when the certificate carries one. */
  ledgerPublicKey?: Uint8Array;
  /** Canonical serial (`normalizeSerial`): what revocation lists name. */
  serial: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 fingerprint of the certificate, `AA:BB:…`. */
  fingerprint256: string;
}

export interface VerifyCertificateOptions {
  /** The CA's current verified revocation list; omit only where revocation cannot matter (e.g. offline history checks at a past `now`). */
  revocation?: VerifiedRevocationList;
  /** Verify as of this instant; defaults to the current time. */
  now?: Date;
  /**
   * Verify the certificate for a signature made at this instant (e.g. an old
   * ledger checkpoint) instead of for use now: validity is checked at
   * `signedAt` (`now` is ignored), and a revocation dated after `signedAt`
   * does not count when its reason says the key was retired in good standing
   * (`superseded`, `cessationOfOperation`, `affiliationChanged`), so rotation
   * does not invalidate history. `keyCompromise` and `unspecified` count
   * whenever they were recorded. The signer can claim any time: pass only an
   * instant established independently, such as a witnessed checkpoint's.
   */
  signedAt?: Date;
  /** Refuse (`FORBIDDEN`, `role_not_allowed`) unless the certificate's role is one of these. */
  roles?: readonly NodeRole[];
  /** Refuse (`FORBIDDEN`, `region_mismatch`) unless the certificate is for this region, e.g. the region the peer claims. */
  region?: string;
}

/**
 * Verifies a node certificate against the federation CA and returns the
 * identity it carries. Signature, issuer and validity are checked by
 * node:crypto (OpenSSL) and the Meridian extensions by Meridian's own DER
 * reader, so nothing here shares code with the issuer.
 *
 * Throws `MeridianError`:
 * - `UNAUTHENTICATED` (401) when the certificate proves nothing. Evidence `reason`:
 *   `malformed_certificate`, `ca_certificate`, `wrong_issuer`, `bad_signature`,
 *   `not_yet_valid`, `expired`, `ca_not_valid`, `missing_identity`, `revoked`;
 * - `FORBIDDEN` (403) when it is valid but not allowed here: `role_not_allowed`, `region_mismatch`;
 * - `INTERNAL` when the caller's configuration is wrong: the trust anchor is not a CA,
 *   or the revocation list belongs to another CA.
 *
 * @example
 * const peer = verifyCertificate(socket.getPeerX509Certificate()!, caPem, { revocation: crl, region: claimedRegion });
 * // peer.region === claimedRegion, peer.ledgerPublicKey verifies this region's checkpoints
 * const ledgerKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(peer.ledgerPublicKey!).toString('base64url') }, format: 'jwk' });
 */
export function verifyCertificate(
  certificate: string | Uint8Array | X509Certificate,
  caPem: string | X509Certificate,
  options: VerifyCertificateOptions = {},
): CertificateIdentity {
  const ca = typeof caPem === 'string' ? new X509Certificate(caPem) : caPem;
  if (!ca.ca) throw new MeridianError('INTERNAL', 'the trust anchor is not a CA certificate', { reason: 'trust_anchor_not_ca' });
  let cert: X509Certificate;
  try {
    cert = certificate instanceof X509Certificate ? certificate : new X509Certificate(typeof certificate === 'string' ? certificate : Buffer.from(certificate));
  } catch (error) {
    throw refuse('UNAUTHENTICATED', 'certificate cannot be parsed', { reason: 'malformed_certificate' }, error);
  }
  const serial = normalizeSerial(cert.serialNumber);
  const base: Evidence = { serial, subject: cert.subject };
  if (cert.ca || cert.fingerprint256 === ca.fingerprint256) {
    throw refuse('UNAUTHENTICATED', 'a CA certificate is not a node identity', { ...base, reason: 'ca_certificate' });
  }
  if (!cert.checkIssued(ca)) {
    throw refuse('UNAUTHENTICATED', 'certificate was not issued by the federation CA', {
      ...base,
      reason: 'wrong_issuer',
      issuer: cert.issuer,
      expectedIssuer: ca.subject,
    });
  }
  if (!cert.verify(ca.publicKey)) {
    throw refuse('UNAUTHENTICATED', 'certificate signature does not verify with the CA key', { ...base, reason: 'bad_signature' });
  }
  const now = options.signedAt ?? options.now ?? new Date();
  const window = { notBefore: cert.validFromDate.toISOString(), notAfter: cert.validToDate.toISOString(), now: now.toISOString() };
  if (now < cert.validFromDate) throw refuse('UNAUTHENTICATED', 'certificate is not valid yet', { ...base, ...window, reason: 'not_yet_valid' });
  if (now > cert.validToDate) throw refuse('UNAUTHENTICATED', 'certificate has expired', { ...base, ...window, reason: 'expired' });
  if (now < ca.validFromDate || now > ca.validToDate) {
    throw refuse('UNAUTHENTICATED', 'the CA certificate is not valid at this time', {
      ...base,
      reason: 'ca_not_valid',
      caNotBefore: ca.validFromDate.toISOString(),
      caNotAfter: ca.validToDate.toISOString(),
    });
  }

  let identity: ReturnType<typeof readMeridianExtensions>;
  try {
    identity = readMeridianExtensions(certificateExtensions(cert.raw));
  } catch (error) {
    throw refuse('UNAUTHENTICATED', `certificate identity is malformed: ${(error as Error).message}`, { ...base, reason: 'missing_identity' }, error);
  }
  if (identity.region === undefined || identity.role === undefined) {
    throw refuse('UNAUTHENTICATED', 'certificate carries no Meridian region and role', { ...base, reason: 'missing_identity' });
  }

  if (options.revocation !== undefined) {
    if (options.revocation.issuer !== ca.fingerprint256) {
      throw new MeridianError('INTERNAL', 'the revocation list belongs to another CA', { reason: 'revocation_list_issuer_mismatch' });
    }
    // A linear scan: federation lists hold tens of entries, and a lookup per request is negligible next to TLS.
    const entry = options.revocation.revoked.find((r) => r.serial === serial);
    const retiredLater =
      entry !== undefined && options.signedAt !== undefined && RETIRED_IN_GOOD_STANDING.has(entry.reason) && options.signedAt < new Date(entry.revokedAt);
    if (entry !== undefined && !retiredLater) {
      throw refuse('UNAUTHENTICATED', 'certificate has been revoked', {
        ...base,
        reason: 'revoked',
        revocationReason: entry.reason,
        revokedAt: entry.revokedAt,
        listNumber: options.revocation.number,
      });
    }
  }

  const who: Evidence = { ...base, region: identity.region, role: identity.role };
  if (options.roles !== undefined && !options.roles.includes(identity.role)) {
    throw refuse('FORBIDDEN', `role ${identity.role} is not allowed here`, { ...who, reason: 'role_not_allowed', allowedRoles: [...options.roles] });
  }
  if (options.region !== undefined && options.region !== identity.region) {
    throw refuse('FORBIDDEN', `certificate is for region ${identity.region}, not ${options.region}`, {
      ...who,
      reason: 'region_mismatch',
      claimedRegion: options.region,
    });
  }

  const out: CertificateIdentity = {
    commonName: commonNameOf(cert.subject),
    region: identity.region,
    role: identity.role,
    serial,
    notBefore: cert.validFromDate,
    notAfter: cert.validToDate,
    fingerprint256: cert.fingerprint256,
  };
  if (identity.ledgerPublicKey !== undefined) out.ledgerPublicKey = identity.ledgerPublicKey;
  return out;
}

function refuse(code: 'UNAUTHENTICATED' | 'FORBIDDEN', message: string, evidence: Evidence, cause?: unknown): MeridianError {
  return new MeridianError(code, message, evidence, cause === undefined ? undefined : { cause });
}

/** The `Extension` elements of a DER certificate (TBSCertificate's `[3] EXPLICIT Extensions`). */
function certificateExtensions(der: Uint8Array): ReturnType<typeof derChildren> {
  const [tbs] = derChildren(readDerExact(der));
  if (tbs?.tag !== DER_TAG.SEQUENCE) throw new Error('certificate has no TBSCertificate');
  const wrapper = derChildren(tbs).find((child) => child.tag === DER_TAG.CONTEXT_3);
  if (wrapper === undefined) return [];
  const [extensions] = derChildren(wrapper);
  if (extensions?.tag !== DER_TAG.SEQUENCE) throw new Error('malformed extensions');
  return derChildren(extensions);
}

/** node:crypto prints the subject one `KEY=value` per line. */
function commonNameOf(subject: string): string {
  const line = subject.split('\n').find((l) => l.startsWith('CN='));
  return line === undefined ? '' : line.slice(3);
}
