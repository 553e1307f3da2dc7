import forge from 'node-forge';
import type { CertificateAuthority } from './certificate-authority.ts';
import { randomSerial } from './certificate-serial.ts';
import { getTbsCertificate } from './get-tbs-certificate.ts';
import { generateRsaKeyPair } from './generate-rsa-key-pair.ts';
import { SHA256_WITH_RSA, signAsn1 } from './sign-asn1.ts';

const DAY_MS = 86_400_000;

export interface CreateCertificateAuthorityOptions {
  /** Common name of the CA, e.g. `Meridian federation CA`. */
  name: string;
  validDays: number;
  /** Issue as of this time (tests, backdating); defaults to the current time. */
  now?: Date;
  /** RSA modulus; defaults to 3072 because the CA outlives node certificates. */
  keyBits?: number;
}

/**
 * Creates a self-signed federation root CA. It may sign node certificates
 * only (`pathLenConstraint: 0`), so a stolen node key can never mint
 * identities.
 *
 * @example
 * const ca = createCertificateAuthority({ name: 'Meridian federation CA', validDays: 3650 });
 * // ca.certPem goes to every node as the trust anchor, ca.keyPem stays with the coordinator.
 */
export function createCertificateAuthority(options: CreateCertificateAuthorityOptions): CertificateAuthority {
  if (!(options.validDays > 0)) throw new Error('validDays must be positive');
  const now = options.now ?? new Date();
  const { privateKeyPem, publicKeyPem } = generateRsaKeyPair(options.keyBits ?? 3072);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  cert.serialNumber = randomSerial();
  cert.validity.notBefore = new Date(now.getTime() - 5 * 60_000);
  cert.validity.notAfter = new Date(now.getTime() + options.validDays * DAY_MS);
  const subject = [
    { shortName: 'CN', value: options.name },
    { shortName: 'O', value: 'Meridian federation' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    // forge derives both identifiers from the certificate's own key (RFC 5280 §4.2.1.2 method 1).
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: true },
  ]);
  cert.signatureOid = cert.siginfo.algorithmOid = SHA256_WITH_RSA;
  const tbs = getTbsCertificate(cert);
  cert.tbsCertificate = tbs;
  cert.signature = signAsn1(tbs, privateKeyPem);
  return { certPem: forge.pki.certificateToPem(cert), keyPem: privateKeyPem };
}
