/** An RFC 9162 §2.1.4 consistency proof that the tree of `to` leaves extends the tree of `from` leaves. */
export interface ConsistencyProof {
  from: number;
  to: number;
  /** 32 bytes each; empty when from is 0 or from equals to. */
  hashes: Uint8Array[];
}
