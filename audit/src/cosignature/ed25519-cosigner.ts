import { sign, type KeyObject } from 'node:crypto';
import type { NoteSigner } from '../note/note-signer.ts';
import { noteKeyId } from '../note/note-key-id.ts';
import { ed25519RawPublicKey } from '../note/ed25519-raw-public-key.ts';

/**
 * A witness's Ed25519 cosigning key (tlog-cosignature v1, key ID type 0x04).
 * Because the v1 message does not commit to the cosigner name, each witness
 * needs its own key; never reuse a region's log key here.
 *
 * @example
 * const cosigner = ed25519Cosigner('meridian.local/witness/sea', privateKey);
 */
export function ed25519Cosigner(name: string, privateKey: KeyObject): NoteSigner {
  if (!/^[^\s+]+$/u.test(name)) throw new TypeError('cosigner names must be non-empty without spaces or "+"');
  const publicKey = ed25519RawPublicKey(privateKey);
  return { name, keyId: noteKeyId(name, 0x04, publicKey), publicKey, sign: (message) => sign(null, message, privateKey) };
}
