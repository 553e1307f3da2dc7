import { sign, type KeyObject } from 'node:crypto';
import type { NoteSigner } from './note-signer.ts';
import { noteKeyId } from './note-key-id.ts';
import { ed25519RawPublicKey } from './ed25519-raw-public-key.ts';

/**
 * A signed-note signer (type 0x01) over an Ed25519 private key, e.g. the
 * region's ledger key whose public half its certificate carries.
 *
 * @example
 * const signer = ed25519NoteSigner('meridian.local/ledger/eu', generateKeyPairSync('ed25519').privateKey);
 */
export function ed25519NoteSigner(name: string, privateKey: KeyObject): NoteSigner {
  if (!/^[^\s+]+$/u.test(name)) throw new TypeError('note key names must be non-empty without spaces or "+"');
  const publicKey = ed25519RawPublicKey(privateKey);
  return {
    name,
    keyId: noteKeyId(name, 0x01, publicKey),
    publicKey,
    sign: (message) => sign(null, message, privateKey),
  };
}
