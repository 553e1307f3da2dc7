/** What `Ledger.append` returns per input, in input order. */
export interface AppendedEntry {
  index: number;
  /** RFC 6962 leaf hash, SHA-256(0x00 ‖ leaf). */
  leafHash: Uint8Array;
  /** SHA-256(salt ‖ payload): lets the caller attach it to its own records or receipts. */
  commitment: Uint8Array;
}
