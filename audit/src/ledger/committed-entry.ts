/** A leaf ready to append, as `commitEntries` returns it. */
export interface CommittedEntry {
  /** Canonical leaf bytes (what is stored and hashed). */
  leaf: Uint8Array;
  /** SHA-256(0x00 ‖ leaf). */
  leafHash: Uint8Array;
  commitment: Uint8Array;
  refId: string;
}
