/**
 * Evidence that a log showed two views of its history that cannot both be
 * true. Both signed checkpoints are kept verbatim: together they prove the
 * misbehaviour to anyone holding the log's public key.
 * - `split_view`: two checkpoints of one size with different roots;
 * - `inconsistent`: the log could not prove the newer checkpoint extends the older.
 */
export interface WitnessAlarm {
  kind: 'split_view' | 'inconsistent';
  origin: string;
  /** Plain-language account of what did not match. */
  detail: string;
  /** The checkpoint the witness had verified and cosigned before. */
  previousNote: string;
  /** The checkpoint that contradicts it. */
  presentedNote: string;
  detectedAt: Date;
}
