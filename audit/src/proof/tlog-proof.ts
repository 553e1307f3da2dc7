/** A C2SP tlog-proof: an entry's index, its inclusion proof, and the checkpoint it proves into. */
export interface TlogProof {
  index: number;
  hashes: Uint8Array[];
  /** The signed checkpoint note, verbatim (with cosignatures). */
  checkpointNote: string;
  /** Optional unauthenticated extra data. */
  extra?: Uint8Array;
}
