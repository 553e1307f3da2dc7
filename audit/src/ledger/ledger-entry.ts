/** A stored entry: its position in the log and the exact leaf bytes that were hashed. */
export interface LedgerEntry {
  index: number;
  /** Canonical leaf bytes; `decodeLeaf` reads them, `hashLeaf` hashes them. */
  leaf: Uint8Array;
}
