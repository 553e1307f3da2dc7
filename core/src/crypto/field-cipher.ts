import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import { secretKeyObject } from './secret-key-object.ts';
import { MeridianError } from '../errors/meridian-error.ts';

const VERSION = 1;
const IV = 12;
const TAG = 16;

// IVs are drawn from a pool refilled 4 KiB at a time: one CSPRNG call per ~340
// fields instead of one per field. Every IV is still fresh random bytes, used once.
const pool = Buffer.alloc(4096);
let used = pool.length;
function freshIv(): Buffer {
  if (used + IV > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const iv = Buffer.from(pool.subarray(used, used + IV));
  pool.fill(0, used, used + IV);
  used += IV;
  return iv;
}

/**
 * AES-256-GCM for one value. The associated data binds a ciphertext to where it
 * belongs (table, column, subject), so a ciphertext copied to another row or
 * another subject fails to decrypt instead of leaking.
 * Layout: version (1) | iv (12) | ciphertext | tag (16).
 *
 * @example
 * const ct = sealField(dek, 'hello', 'messages.body_ct:subject-id');
 * openField(dek, ct, 'messages.body_ct:subject-id'); // 'hello'
 */
export function sealField(key: Uint8Array, plaintext: string | Uint8Array, aad: string): Uint8Array {
  const iv = freshIv();
  const cipher = createCipheriv('aes-256-gcm', secretKeyObject(key), iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext);
  cipher.final();
  return Buffer.concat([Buffer.of(VERSION), iv, body, cipher.getAuthTag()]);
}

export function openFieldBytes(key: Uint8Array, sealed: Uint8Array, aad: string): Buffer {
  const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (buf.length < 1 + IV + TAG || buf[0] !== VERSION) {
    throw new MeridianError('INTERNAL', 'ciphertext has an unknown format', { length: buf.length });
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', secretKeyObject(key), buf.subarray(1, 1 + IV));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(buf.subarray(buf.length - TAG));
    return Buffer.concat([decipher.update(buf.subarray(1 + IV, buf.length - TAG)), decipher.final()]);
  } catch (cause) {
    throw new MeridianError('INTERNAL', 'ciphertext failed authentication (wrong key, wrong row, or tampered)', {}, { cause });
  }
}

export function openField(key: Uint8Array, sealed: Uint8Array, aad: string): string {
  return openFieldBytes(key, sealed, aad).toString('utf8');
}
