import { sign } from 'node:crypto';
import forge from 'node-forge';

/** `sha256WithRSAEncryption`, the only signature algorithm Meridian issues and accepts. */
export const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';

/**
 * Signs the DER encoding of a forge ASN.1 structure with RSA PKCS#1 v1.5 /
 * SHA-256 through node:crypto (OpenSSL), which is much faster than forge's
 * pure-JS RSA, and returns the signature as a forge binary string.
 *
 * @example
 * cert.signature = signAsn1(tbs, ca.keyPem);
 */
export function signAsn1(structure: forge.asn1.Asn1, privateKeyPem: string): string {
  const der = Buffer.from(forge.asn1.toDer(structure).getBytes(), 'binary');
  return sign('sha256', der, privateKeyPem).toString('binary');
}
