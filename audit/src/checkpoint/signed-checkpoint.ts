import type { Checkpoint } from './checkpoint.ts';

/**
 * A checkpoint as a C2SP signed note: `note` is the exact text, body then a
 * blank line then one `— name base64` line per signature (the log's own,
 * then any witness cosignatures).
 */
export interface SignedCheckpoint {
  checkpoint: Checkpoint;
  note: string;
}
