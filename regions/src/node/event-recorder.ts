import type { Transaction } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';

/** A fact the node proves on its audit ledger. Never personal data: the payload is only committed to, with a salt. */
export interface NodeEvent {
  type: 'interaction' | 'consent' | 'erasure' | 'retention' | 'access' | 'rights_request' | 'training_round';
  refId: string;
  subjectId?: string;
  /** Bytes the ledger commits to (salted); they never appear in the leaf. */
  payload: Uint8Array;
  meta?: Record<string, string | number>;
}

/** Records events in the caller's transaction, so an event and its proof commit together. */
export interface EventRecorder {
  record(trx: Transaction<Database>, events: readonly NodeEvent[]): Promise<void>;
}
