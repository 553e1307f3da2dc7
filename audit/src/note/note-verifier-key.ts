/**
 * A trusted public key as a signed note names it: the key name, its 4-byte
 * ID and its algorithm (0x01 Ed25519 note signature, 0x04 Ed25519 witness
 * cosignature). Its text form is a C2SP vkey, `name+hex(keyID)+base64(type ‖ key)`.
 */
export interface NoteVerifierKey {
  name: string;
  keyId: Uint8Array;
  type: 0x01 | 0x04;
  /** Raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
}
