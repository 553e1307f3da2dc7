import { createHash, type KeyObject } from 'node:crypto';
import { MeridianError } from '../errors/meridian-error.ts';

/**
 * The raw 32 bytes of an Ed25519 public key (or of the public half of a private key).
 *
 * @example
 * rawEd25519PublicKey(generateKeyPairSync('ed25519').publicKey).length; // 32
 */
export function rawEd25519PublicKey(key: KeyObject): Buffer {
  if (key.asymmetricKeyType !== 'ed25519') throw new MeridianError('BAD_INPUT', `console keys are ed25519, not ${key.asymmetricKeyType}`);
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(jwk.x!, 'base64url');
}

/**
 * A console key's id: the first 8 bytes of SHA-256 of its raw public key, in
 * hex. Derived from the key, so configuration cannot pair a name with the
 * wrong key.
 *
 * @example
 * consoleKeyId(publicKey); // '3f9a0c1e5b7d2a44'
 */
export function consoleKeyId(key: KeyObject): string {
  return createHash('sha256').update(rawEd25519PublicKey(key)).digest('hex').slice(0, 16);
}
