import { generateKeyPairSync } from 'node:crypto';

/** RSA modulus for node keys. 2048 bits is NIST-acceptable through 2030 and keeps TLS handshakes cheap. */
export const DEFAULT_RSA_BITS = 2048;

/**
 * Generates an RSA key pair with node:crypto (OpenSSL, ~50 ms) rather than
 * node-forge's pure-JS generator (seconds), as PEM strings that forge can load.
 *
 * @example
 * const { privateKeyPem, publicKeyPem } = generateRsaKeyPair();
 */
export function generateRsaKeyPair(bits: number = DEFAULT_RSA_BITS): { privateKeyPem: string; publicKeyPem: string } {
  if (!Number.isInteger(bits) || bits < 2048) throw new Error(`RSA keys must be at least 2048 bits, got ${bits}`);
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}
