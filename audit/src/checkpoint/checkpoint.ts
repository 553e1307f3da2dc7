/**
 * The body of a C2SP tlog-checkpoint: origin line, decimal size, base64 root
 * hash, then optional extension lines.
 */
export interface Checkpoint {
  /** Unique log identity, a schema-less URL such as `meridian.local/ledger/eu`. */
  origin: string;
  size: number;
  /** RFC 6962 root hash of the first `size` leaves, 32 bytes. */
  rootHash: Uint8Array;
  /** Extra body lines (none are written today; parsers keep unknown ones). */
  extensions: string[];
}
