/** One parsed `— name base64(keyID ‖ signature)` line of a signed note. */
export interface NoteSignature {
  name: string;
  keyId: Uint8Array;
  /** The signature bytes after the 4-byte key ID. */
  signature: Uint8Array;
  /** The line as it appeared, without its newline. */
  line: string;
}
