/**
 * What a log sends a witness (the shape of C2SP tlog-witness add-checkpoint):
 * the size it believes the witness last saw, a consistency proof from that
 * size to the new checkpoint, and the signed checkpoint note.
 */
export interface AddCheckpointRequest {
  oldSize: number;
  consistencyProof: Uint8Array[];
  checkpointNote: string;
}
