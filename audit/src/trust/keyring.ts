import type { NoteVerifierKey } from '../note/note-verifier-key.ts';

/**
 * The federation's trust model as data: named Ed25519 public keys. Each log
 * key is named after its log's origin (type 0x01); each witness key after
 * the witness (type 0x04). A checkpoint counts when its log's key signed it
 * and at least `witnessQuorum` distinct witnesses cosigned it. Where the keys
 * come from (a file, the federation CA's certificates) is someone else's job.
 */
export interface Keyring {
  logs: NoteVerifierKey[];
  witnesses: NoteVerifierKey[];
  witnessQuorum: number;
}
