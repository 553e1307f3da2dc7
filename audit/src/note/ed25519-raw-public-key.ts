import { createPublicKey, type KeyObject } from 'node:crypto';

/**
 * The raw 32-byte RFC 8032 encoding of an Ed25519 key (the form key IDs and
 * vkeys use), from a private or public KeyObject.
 *
 * @example
 * const raw = ed25519RawPublicKey(generateKeyPairSync('ed25519').publicKey);
 */
export function ed25519RawPublicKey(key: KeyObject): Uint8Array {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const jwk = pub.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new TypeError('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}
