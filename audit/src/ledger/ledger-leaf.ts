import type { LedgerEventType } from './ledger-event-type.ts';
import type { LedgerMeta } from './ledger-entry-input.ts';

/**
 * The decoded content of a leaf. Its canonical bytes (`encodeLeaf`) are what
 * the Merkle tree hashes; nothing in it is personal data.
 */
export interface LedgerLeaf {
  /** Leaf format version; bumps when the encoding changes. */
  v: 1;
  type: LedgerEventType;
  region: string;
  /** ISO-8601 UTC with milliseconds, e.g. `2025-01-31T09:00:00.000Z`. */
  time: string;
  refId: string;
  /** SHA-256(salt ‖ payload), 32 bytes. */
  commitment: Uint8Array;
  meta: LedgerMeta;
}
