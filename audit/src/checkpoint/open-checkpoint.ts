import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { SignedCheckpoint } from './signed-checkpoint.ts';
import type { NoteVerifierKey } from '../note/note-verifier-key.ts';
import { parseNote } from '../note/parse-note.ts';
import { parseCheckpoint } from './parse-checkpoint.ts';
import { ed25519Verify } from '../note/ed25519-verify.ts';

/**
 * Parses a signed checkpoint and verifies the log's signature with `logKey`
 * (type 0x01, named after the origin). Other signature lines (witness
 * cosignatures, unknown keys) are kept in the note but not judged here.
 * Throws FORBIDDEN when the log's signature is missing or wrong.
 *
 * @example
 * const { checkpoint } = openCheckpoint(note, logKey);
 */
export function openCheckpoint(note: string, logKey: NoteVerifierKey): SignedCheckpoint {
  const { text, signatures } = parseNote(note);
  const checkpoint = parseCheckpoint(text);
  if (checkpoint.origin !== logKey.name) {
    throw new MeridianError('FORBIDDEN', 'checkpoint is for another log', { origin: checkpoint.origin, expectedOrigin: logKey.name });
  }
  const mine = signatures.filter((s) => s.name === logKey.name && Buffer.from(s.keyId).equals(logKey.keyId));
  if (mine.length === 0) throw new MeridianError('FORBIDDEN', 'checkpoint carries no signature by the log key', { origin: checkpoint.origin, size: checkpoint.size });
  const message = Buffer.from(text, 'utf8');
  if (!mine.every((s) => logKey.type === 0x01 && ed25519Verify(logKey.publicKey, message, s.signature))) {
    throw new MeridianError('FORBIDDEN', 'checkpoint signature by the log key does not verify', { origin: checkpoint.origin, size: checkpoint.size });
  }
  return { checkpoint, note };
}
