import { createHash, randomBytes } from 'node:crypto';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';

/**
 * The federation lookup key: 32 random bytes that every region node holds (and
 * the coordinator does not), under which contacts are hashed into lookup tags.
 * Its id is derived from the key, so a peer holding another key is detected
 * instead of silently answering "not here".
 */
export interface LookupKey {
  id: string;
  key: Uint8Array;
}

/**
 * Wraps key bytes, checking their length.
 *
 * @example
 * const lk = lookupKeyOf(Buffer.from(process.env.MERIDIAN_LOOKUP_KEY!, 'base64'));
 */
export function lookupKeyOf(bytes: Uint8Array): LookupKey {
  if (bytes.length !== 32) throw new MeridianError('BAD_INPUT', 'the federation lookup key must be 32 bytes', { length: bytes.length });
  const key = new Uint8Array(bytes);
  return { id: `lk-${createHash('sha256').update('meridian-lookup-key-id').update(key).digest('hex').slice(0, 16)}`, key };
}

/**
 * A fresh federation lookup key (made once by the federation operator, then given to every region).
 *
 * @example
 * writeFileSync('lookup-key.json', JSON.stringify({ key: Buffer.from(newLookupKey().key).toString('base64') }), { mode: 0o600 });
 */
export function newLookupKey(): LookupKey {
  return lookupKeyOf(randomBytes(32));
}
