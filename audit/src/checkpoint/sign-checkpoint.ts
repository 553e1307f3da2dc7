import type { Checkpoint } from './checkpoint.ts';
import type { SignedCheckpoint } from './signed-checkpoint.ts';
import type { NoteSigner } from '../note/note-signer.ts';
import { formatCheckpoint } from './format-checkpoint.ts';
import { signNote } from '../note/sign-note.ts';

/**
 * Signs a checkpoint with the log's key (key name = origin, per tlog-checkpoint).
 *
 * @example
 * const signed = signCheckpoint({ origin, size, rootHash, extensions: [] }, logSigner);
 */
export function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner): SignedCheckpoint {
  return { checkpoint, note: signNote(formatCheckpoint(checkpoint), [signer]) };
}
