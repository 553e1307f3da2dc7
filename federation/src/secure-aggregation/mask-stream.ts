import { createCipheriv, hkdfSync } from 'node:crypto';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const SALT = 'meridian/secagg/v1/prg';

/**
 * The PRG of secure aggregation: `words` pseudo-random u32 values expanded
 * from a 32-byte seed or X25519 shared secret. The key is HKDF-SHA256 of the
 * seed with `label` as info, so each round, party and pair gets its own
 * stream (domain separation: a seed reused by mistake in another round or
 * for another pair yields an unrelated mask). The stream is the AES-256-CTR
 * keystream under that key with a zero IV; the key is never reused, so the
 * fixed IV is safe. Words are read little-endian on every platform, so all
 * parties and the coordinator expand the same mask.
 *
 * @example
 * const mask = maskStream(seed, 'meridian/secagg/v1|intent|3|self|eu', 1024);
 */
export function maskStream(seed: Uint8Array, label: string, words: number): Uint32Array {
  const key = Buffer.from(hkdfSync('sha256', seed, SALT, label, 32));
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  const bytes = Buffer.concat([cipher.update(Buffer.alloc(words * 4)), cipher.final()]);
  if (LITTLE_ENDIAN) return new Uint32Array(bytes.buffer, bytes.byteOffset, words);
  const out = new Uint32Array(words);
  for (let i = 0; i < words; i++) out[i] = bytes.readUInt32LE(i * 4);
  return out;
}
