import { Buffer } from 'buffer';
import { sha256 } from '@noble/hashes/sha2.js';
import { ed25519 } from '@noble/curves/ed25519.js';

/**
 * The slice of `node:crypto` that the offline verifier (`audit/src/verify`) and
 * its two shared hash functions (`audit/src/merkle/hashes.ts`) call, built on
 * @noble/hashes and @noble/curves. The console's browser bundle resolves
 * `node:crypto` to this module (see `vite.config.ts`), so the browser runs the
 * very verification code the `meridian verify` CLI runs, not a copy of it.
 * Those modules also use the `Buffer` global, which browsers lack: it is set
 * here, before any of them is evaluated (each imports `node:crypto` first).
 *
 * @example
 * import { hash } from './node-crypto-for-browser.ts';
 * hash('sha256', new Uint8Array(), 'buffer').toString('hex'); // e3b0c442…b855
 */
(globalThis as { Buffer?: unknown }).Buffer ??= Buffer;

type Bytes = Uint8Array | string;
const bytesOf = (data: Bytes): Uint8Array => (typeof data === 'string' ? new TextEncoder().encode(data) : data);

function onlySha256(algorithm: string): void {
  if (algorithm.toLowerCase() !== 'sha256') throw new Error(`only sha256 is available in the browser verifier, not ${algorithm}`);
}

/** `crypto.hash(algorithm, data, outputEncoding)` for SHA-256. */
export function hash(algorithm: string, data: Bytes, outputEncoding: 'buffer' | 'hex' | 'base64' = 'hex'): Buffer | string {
  onlySha256(algorithm);
  const digest = Buffer.from(sha256(bytesOf(data)));
  return outputEncoding === 'buffer' ? digest : digest.toString(outputEncoding);
}

/** `crypto.createHash('sha256')` with chained `update` and `digest()`. */
export function createHash(algorithm: string) {
  onlySha256(algorithm);
  const h = sha256.create();
  const api = {
    update(data: Bytes) {
      h.update(bytesOf(data));
      return api;
    },
    digest(): Buffer {
      return Buffer.from(h.digest());
    },
  };
  return api;
}

/** An Ed25519 public key as `createPublicKey` returns it, from its SPKI DER encoding. */
interface BrowserPublicKey {
  raw: Uint8Array;
}

const ED25519_SPKI_PREFIX = '302a300506032b6570032100';

/** `crypto.createPublicKey({ key, format: 'der', type: 'spki' })` for Ed25519 keys only. */
export function createPublicKey(input: { key: Uint8Array; format: 'der'; type: 'spki' }): BrowserPublicKey {
  const der = Buffer.from(input.key);
  if (der.length !== 44 || der.subarray(0, 12).toString('hex') !== ED25519_SPKI_PREFIX) throw new Error('not an Ed25519 SPKI key');
  return { raw: new Uint8Array(der.subarray(12)) };
}

/**
 * `crypto.verify(null, message, key, signature)` for Ed25519, with the strict
 * RFC 8032 rules OpenSSL applies (not ZIP-215), so browser and CLI agree on
 * every signature.
 */
export function verify(algorithm: null | undefined, message: Uint8Array, key: BrowserPublicKey, signature: Uint8Array): boolean {
  if (algorithm) throw new Error('Ed25519 takes no digest algorithm');
  try {
    return ed25519.verify(signature, message, key.raw, { zip215: false });
  } catch {
    return false;
  }
}

export default { hash, createHash, createPublicKey, verify };
