import type { NoteSignature } from '../note/note-signature.ts';
import type { NoteVerifierKey } from '../note/note-verifier-key.ts';
import { ed25519Verify } from '../note/ed25519-verify.ts';
import { cosignatureMessage } from './cosignature-message.ts';

/**
 * Checks one parsed signature line as a v1 cosignature by `key` over
 * `checkpointText`. Returns its timestamp, or undefined when the line is not
 * by this key or does not verify.
 *
 * @example
 * const time = verifyCosignature(text, signature, witnessKey);
 */
export function verifyCosignature(checkpointText: string, signature: NoteSignature, key: NoteVerifierKey): number | undefined {
  if (key.type !== 0x04 || signature.name !== key.name || !Buffer.from(signature.keyId).equals(key.keyId)) return undefined;
  if (signature.signature.length !== 8 + 64) return undefined;
  const timestamp = Buffer.from(signature.signature).readBigUInt64BE(0);
  if (timestamp > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  const ok = ed25519Verify(key.publicKey, cosignatureMessage(Number(timestamp), checkpointText), signature.signature.subarray(8));
  return ok ? Number(timestamp) : undefined;
}
