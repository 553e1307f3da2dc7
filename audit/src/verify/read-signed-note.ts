import { verifierPrimitives as p } from './verifier-primitives.ts';

/** A signed note as the verifier reads it. */
export interface ReadNote {
  text: string;
  signatures: { name: string; keyId: Uint8Array; signature: Uint8Array }[];
}

/**
 * Reads a C2SP signed note (text, blank line, `— name base64` lines), or says
 * in plain words why it cannot be read.
 *
 * @example
 * const note = readSignedNote(text);
 * if ('problem' in note) console.log(note.problem);
 */
export function readSignedNote(note: string): ReadNote | { problem: string } {
  if (note.includes('\uFFFD')) return { problem: 'it contains bytes that are not valid text' };
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) return { problem: 'it contains control characters' };
  if (!note.endsWith('\n')) return { problem: 'it does not end with a line break' };
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return { problem: 'it has no signatures section' };
  const signatures: ReadNote['signatures'] = [];
  for (const line of note.slice(split + 2, -1).split('\n')) {
    const m = /^\u2014 ([^\s+]+) ([A-Za-z0-9+/=]+)$/u.exec(line);
    const raw = m && p.base64(m[2]!);
    if (!m || !raw || raw.length < 5) return { problem: 'a signature line is malformed' };
    signatures.push({ name: m[1]!, keyId: raw.subarray(0, 4), signature: raw.subarray(4) });
  }
  return { text: note.slice(0, split + 1), signatures };
}
