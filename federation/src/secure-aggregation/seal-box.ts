import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';

const SALT = 'meridian/secagg/v1/seal';

/**
 * Authenticated encryption between two parties of a round, keyed by their
 * X25519 shared secret: AES-256-GCM under HKDF-SHA256(secret, label), with
 * the label (federation, round, topic, sender, recipient) also as associated
 * data, so a relayed ciphertext cannot be replayed to another party, topic
 * or round. Layout: nonce (12) ‖ ciphertext ‖ tag (16).
 *
 * @example
 * const sealed = sealBox.seal(secret, label, shares);
 * sealBox.open(secret, label, sealed); // shares, or BAD_INPUT if anything changed
 */
export const sealBox = Object.freeze({
  seal(secret: Uint8Array, label: string, plaintext: Uint8Array): Uint8Array {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', keyOf(secret, label), nonce);
    cipher.setAAD(Buffer.from(label));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return new Uint8Array(Buffer.concat([nonce, body, cipher.getAuthTag()]));
  },
  open(secret: Uint8Array, label: string, sealed: Uint8Array): Uint8Array {
    if (sealed.length < 28) throw new MeridianError('BAD_INPUT', 'sealed message too short', { reason: 'bad_ciphertext', bytes: sealed.length });
    try {
      const decipher = createDecipheriv('aes-256-gcm', keyOf(secret, label), sealed.subarray(0, 12));
      decipher.setAAD(Buffer.from(label));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      return new Uint8Array(Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]));
    } catch (error) {
      throw new MeridianError('BAD_INPUT', 'sealed message does not authenticate', { reason: 'bad_ciphertext' }, { cause: error });
    }
  },
});

function keyOf(secret: Uint8Array, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, SALT, label, 32));
}
