import type { NoteSignature } from './note-signature.ts';

/** A signed note split into its text (ending in a newline) and signature lines. */
export interface ParsedNote {
  text: string;
  signatures: NoteSignature[];
}
