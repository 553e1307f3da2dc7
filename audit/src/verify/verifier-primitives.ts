import { createHash, createPublicKey, verify } from 'node:crypto';

/**
 * The verifier's own small primitives (strict base64, key IDs, Ed25519),
 * deliberately not shared with the writer so a bug there cannot hide itself.
 *
 * @example
 * verifierPrimitives.base64('AAEC'); // Uint8Array [0, 1, 2]
 */
export const verifierPrimitives = {
  /** Canonical padded base64 only; undefined for anything else. */
  base64(text: string): Uint8Array | undefined {
    if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
    const bytes = Buffer.from(text, 'base64');
    return bytes.toString('base64') === text ? bytes : undefined;
  },
  /** SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4]. */
  keyId(name: string, type: number, publicKey: Uint8Array): Uint8Array {
    return createHash('sha256').update(Buffer.from(name, 'utf8')).update(Buffer.from([0x0a, type])).update(publicKey).digest().subarray(0, 4);
  },
  ed25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
    if (publicKey.length !== 32 || signature.length !== 64) return false;
    try {
      const der = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), publicKey]);
      return verify(null, message, createPublicKey({ key: der, format: 'der', type: 'spki' }), signature);
    } catch {
      return false;
    }
  },
  same(a: Uint8Array, b: Uint8Array): boolean {
    return a.length === b.length && Buffer.from(a).equals(b);
  },
  short(hash: Uint8Array): string {
    return Buffer.from(hash).toString('hex').slice(0, 16);
  },
};
