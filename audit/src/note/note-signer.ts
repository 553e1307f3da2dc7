/**
 * Signs notes under one C2SP signed-note key. The private key stays inside
 * the implementation; callers only see the name, key id and public key.
 */
export interface NoteSigner {
  /** The key name of the signature line, e.g. the log origin. */
  readonly name: string;
  /** The 4-byte signed-note key ID, SHA-256(name ‖ 0x0A ‖ 0x01 ‖ publicKey)[:4]. */
  readonly keyId: Uint8Array;
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /** Ed25519 signature (64 bytes) over `message`. */
  sign(message: Uint8Array): Uint8Array;
}
