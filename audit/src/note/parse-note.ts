import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { ParsedNote } from './parsed-note.ts';
import type { NoteSignature } from './note-signature.ts';
import { strictBase64 } from './strict-base64.ts';

const MAX_NOTE_BYTES = 1 << 20;
const MAX_SIGNATURES = 64;

/**
 * Splits a C2SP signed note at its last blank line and parses every
 * signature line. Strict: control characters, malformed lines or
 * non-canonical base64 make the whole note invalid (BAD_INPUT).
 *
 * @example
 * const { text, signatures } = parseNote(note);
 */
export function parseNote(note: string): ParsedNote {
  const bad = (why: string): never => {
    throw new MeridianError('BAD_INPUT', `signed note: ${why}`, { length: note.length });
  };
  if (Buffer.byteLength(note, 'utf8') > MAX_NOTE_BYTES) bad('too large');
  if (note.includes('\uFFFD')) bad('not valid UTF-8');
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) bad('control characters');
  if (!note.endsWith('\n')) bad('must end with a newline');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) bad('no blank line before the signatures');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) bad('too many signatures');
  const signatures = lines.map((line): NoteSignature => {
    const m = /^\u2014 ([^\s+]+) ([A-Za-z0-9+/=]+)$/u.exec(line);
    if (!m) return bad('malformed signature line');
    const raw = strictBase64(m[2]!);
    if (!raw || raw.length < 5) return bad('signature is not base64 of a key ID and signature');
    return { name: m[1]!, keyId: raw.subarray(0, 4), signature: raw.subarray(4), line };
  });
  return { text, signatures };
}
