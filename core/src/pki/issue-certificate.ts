import { X509Certificate, createPublicKey } from 'node:crypto';
import forge from 'node-forge';
import { MeridianError } from '../errors/meridian-error.ts';
import type { CertificateAuthority } from './certificate-authority.ts';
import { randomSerial } from './certificate-serial.ts';
import { meridianForgeExtensions, replaceMeridianOids } from './forge-meridian-extensions.ts';
import { getTbsCertificate } from './get-tbs-certificate.ts';
import type { NodeRole } from './node-role.ts';
import { readCsr } from './read-csr.ts';
import { SHA256_WITH_RSA, signAsn1 } from './sign-asn1.ts';

const DAY_MS = 86_400_000;
/** Tolerated clock skew between the CA and the nodes: certificates start this long before issuance. */
const BACKDATE_MS = 5 * 60_000;
/** Roles that accept TLS connections and therefore need a server name. */
const SERVER_ROLES: readonly NodeRole[] = ['region', 'coordinator'];

export interface IssueCertificateOptions {
  validDays: number;
  /** Issue as of this time (tests, backdating); defaults to the current time. */
  now?: Date;
  /**
   * Refuse the CSR unless it asks for exactly this region / role. The
   * enrollment service passes the values of the enrollment grant here so that
   * a node can never choose its own identity.
   */
  expect?: { region?: string; role?: NodeRole };
  /** Subject alternative names. Defaults: `localhost` + `127.0.0.1` + `::1` for server roles, none otherwise. */
  dnsNames?: readonly string[];
  ipAddresses?: readonly string[];
}

/**
 * Signs a node certificate from a CSR. The CSR's self-signature is verified
 * first; only its common name, public key and the Meridian identity (region,
 * role, Ed25519 ledger key) are copied; everything else the CSR asks for is
 * ignored. The certificate is a TLS client and server leaf
 * (`basicConstraints cA:false`, EKU serverAuth + clientAuth) with a random
 * 128-bit serial, and it never outlives the CA.
 *
 * Rotation is `issueCertificate` for a new CSR of the same region, then
 * `revokeCertificate(…, oldSerial, 'superseded')`.
 *
 * @example
 * const certPem = issueCertificate(ca, csrPem, { validDays: 30, expect: { region: 'eu', role: 'region' } });
 */
export function issueCertificate(ca: CertificateAuthority, csrPem: string, options: IssueCertificateOptions): string {
  if (!(options.validDays > 0)) throw new MeridianError('BAD_INPUT', 'validDays must be positive', { field: 'validDays' });
  const wanted = readCsr(csrPem);
  for (const field of ['region', 'role'] as const) {
    const expected = options.expect?.[field];
    if (expected !== undefined && wanted[field] !== expected) {
      throw new MeridianError('FORBIDDEN', `CSR asks for ${field} ${wanted[field]}, the grant is for ${expected}`, {
        reason: `${field}_not_granted`,
        requested: wanted[field],
        granted: expected,
      });
    }
  }

  const caX509 = new X509Certificate(ca.certPem);
  if (!caX509.ca) throw new MeridianError('INTERNAL', 'the configured CA certificate is not a CA', { reason: 'not_a_ca' });
  // A CA key that does not match the CA certificate would mint certificates nobody can verify.
  const caKeySpki = createPublicKey(ca.keyPem).export({ type: 'spki', format: 'der' });
  if (!caKeySpki.equals(caX509.publicKey.export({ type: 'spki', format: 'der' }))) {
    throw new MeridianError('INTERNAL', 'the CA private key does not belong to the CA certificate', { reason: 'ca_key_mismatch' });
  }
  const now = options.now ?? new Date();
  if (now > caX509.validToDate || now < caX509.validFromDate) {
    throw new MeridianError('INTERNAL', 'the CA certificate is not valid at the time of issuance', {
      reason: 'ca_not_valid',
      caNotBefore: caX509.validFromDate.toISOString(),
      caNotAfter: caX509.validToDate.toISOString(),
    });
  }

  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(wanted.publicKeyPem);
  cert.serialNumber = randomSerial();
  cert.validity.notBefore = new Date(now.getTime() - BACKDATE_MS);
  cert.validity.notAfter = new Date(Math.min(now.getTime() + options.validDays * DAY_MS, caX509.validToDate.getTime()));
  cert.setSubject([
    { shortName: 'CN', value: wanted.commonName },
    { shortName: 'O', value: 'Meridian federation' },
  ]);
  cert.setIssuer(caCert.subject.attributes);

  const isServer = SERVER_ROLES.includes(wanted.role);
  const dnsNames = options.dnsNames ?? (isServer ? ['localhost'] : []);
  const ipAddresses = options.ipAddresses ?? (isServer ? ['127.0.0.1', '::1'] : []);
  const altNames = [...dnsNames.map((value) => ({ type: 2, value })), ...ipAddresses.map((ip) => ({ type: 7, ip }))];
  const meridian = meridianForgeExtensions(wanted);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    ...(altNames.length > 0 ? [{ name: 'subjectAltName', altNames }] : []),
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caKeyIdentifier(caCert) },
    ...meridian,
  ]);
  cert.signatureOid = cert.siginfo.algorithmOid = SHA256_WITH_RSA;
  const tbs = getTbsCertificate(cert);
  const replaced = replaceMeridianOids(tbs);
  if (replaced !== meridian.length) throw new Error(`replaced ${replaced} Meridian OIDs, expected ${meridian.length}`);
  cert.tbsCertificate = tbs;
  cert.signature = signAsn1(tbs, ca.keyPem);
  return forge.pki.certificateToPem(cert);
}

/** The CA's own subjectKeyIdentifier (binary string), so chains build by key id as well as by name. */
function caKeyIdentifier(caCert: forge.pki.Certificate): string {
  const ski = caCert.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier?: string } | null;
  return ski?.subjectKeyIdentifier !== undefined
    ? forge.util.hexToBytes(ski.subjectKeyIdentifier)
    : forge.pki.getPublicKeyFingerprint(caCert.publicKey, { type: 'RSAPublicKey' }).getBytes();
}
