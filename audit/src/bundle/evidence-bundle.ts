/**
 * An evidence bundle (JSON, `.meridian-evidence.json`): everything an
 * auditor needs to check offline, with `meridian verify`, that some entries
 * are in a region's log and that the log only ever grew. Binary values are
 * standard base64.
 */
export interface EvidenceBundle {
  format: 'meridian-evidence-bundle/v1';
  /** The log's origin, e.g. `meridian.local/ledger/eu`. */
  origin: string;
  /** What the bundle is about, in words, e.g. "everything recorded about request req-42". */
  about: string;
  /** The selection behind `entries`, so the verifier can check each entry matches it. */
  query: { refId: string } | { indexes: number[] } | { all: true };
  createdAt: string;
  /**
   * Signed checkpoints (C2SP signed notes with witness cosignatures), smallest
   * first. Entries' proofs point to the last one.
   */
  checkpoints: string[];
  /** Consistency proofs between each pair of consecutive checkpoints of different sizes. */
  consistency: { from: number; to: number; hashes: string[] }[];
  /** Each entry's leaf bytes and its C2SP tlog-proof into the last checkpoint. */
  entries: { index: number; leaf: string; proof: string }[];
  /**
   * A full audit export: every stored leaf (position = index) and every stored
   * tile row, so the verifier can rebuild the tree and catch a change to any
   * stored byte, including hashes no proof uses.
   */
  fullLog?: { tileHeight: number; headSize: number; leaves: string[]; tiles: { level: number; index: number; hashes: string }[] };
}
