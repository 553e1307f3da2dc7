import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync } from 'node:crypto';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';

// DER wrappers of a raw 32-byte X25519 key (RFC 8410): keys travel and are Shamir-shared as raw bytes.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

/** An X25519 key pair as raw 32-byte strings. */
export interface X25519KeyPair {
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

/**
 * X25519 (RFC 7748) over raw 32-byte keys, with node:crypto doing the maths.
 * An all-zero shared secret (a small-order public key, RFC 7748 §6.1) is
 * refused: a peer or relay could otherwise force a known mask.
 *
 * @example
 * const a = x25519.generate(), b = x25519.generate();
 * x25519.agree(a.privateKey, b.publicKey); // equals x25519.agree(b.privateKey, a.publicKey)
 */
export const x25519 = Object.freeze({
  generate(): X25519KeyPair {
    const { privateKey, publicKey } = generateKeyPairSync('x25519', { privateKeyEncoding: { format: 'der', type: 'pkcs8' }, publicKeyEncoding: { format: 'der', type: 'spki' } });
    return { privateKey: new Uint8Array(privateKey.subarray(PKCS8_PREFIX.length)), publicKey: new Uint8Array(publicKey.subarray(SPKI_PREFIX.length)) };
  },
  publicKeyOf(privateKey: Uint8Array): Uint8Array {
    const der = createPublicKey(privateKeyObject(privateKey)).export({ format: 'der', type: 'spki' });
    return new Uint8Array(der.subarray(SPKI_PREFIX.length));
  },
  agree(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
    if (publicKey.length !== 32) throw new MeridianError('BAD_INPUT', 'an X25519 public key is 32 bytes', { reason: 'bad_public_key', bytes: publicKey.length });
    let secret: Buffer;
    try {
      secret = diffieHellman({ privateKey: privateKeyObject(privateKey), publicKey: createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' }) });
    } catch (error) {
      throw new MeridianError('BAD_INPUT', 'X25519 agreement failed', { reason: 'bad_public_key' }, { cause: error });
    }
    if (secret.every((b) => b === 0)) throw new MeridianError('BAD_INPUT', 'X25519 agreement with a small-order key', { reason: 'bad_public_key' });
    return new Uint8Array(secret);
  },
});

function privateKeyObject(privateKey: Uint8Array) {
  if (privateKey.length !== 32) throw new MeridianError('BAD_INPUT', 'an X25519 private key is 32 bytes', { reason: 'bad_private_key', bytes: privateKey.length });
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, privateKey]), format: 'der', type: 'pkcs8' });
}
