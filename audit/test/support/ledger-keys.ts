import { generateKeyPairSync } from 'node:crypto';
import { ed25519NoteSigner } from '../../src/note/ed25519-note-signer.ts';
import { ed25519Cosigner } from '../../src/cosignature/ed25519-cosigner.ts';
import { vkey } from '../../src/note/vkey.ts';
import type { NoteSigner } from '../../src/note/note-signer.ts';

/** A fresh log key for `origin`, with its vkey. */
export function logKey(origin: string): { signer: NoteSigner; vkey: string } {
  const signer = ed25519NoteSigner(origin, generateKeyPairSync('ed25519').privateKey);
  return { signer, vkey: vkey.format(origin, 0x01, signer.publicKey) };
}

/** A fresh witness cosigning key, with its vkey. */
export function witnessKey(name: string): { cosigner: NoteSigner; vkey: string } {
  const cosigner = ed25519Cosigner(name, generateKeyPairSync('ed25519').privateKey);
  return { cosigner, vkey: vkey.format(name, 0x04, cosigner.publicKey) };
}
