/** An RFC 9162 §2.1.3 inclusion proof of leaf `index` in the tree of `size` leaves. */
export interface InclusionProof {
  index: number;
  size: number;
  /** Sibling hashes from the leaf upwards, 32 bytes each. */
  hashes: Uint8Array[];
}
