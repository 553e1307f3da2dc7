import { createPublicKey, verify } from 'node:crypto';

/**
 * Verifies an Ed25519 signature with a raw 32-byte public key; false (never
 * a throw) for malformed keys or signatures.
 *
 * @example
 * ed25519Verify(publicKey, message, signature); // true | false
 */
export function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') }, format: 'jwk' });
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}
