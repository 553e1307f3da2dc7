import type { LedgerEventType } from './ledger-event-type.ts';

/** Small non-personal facts stored in the clear in a leaf (model hash, ε spent, route, purpose...). */
export type LedgerMeta = Readonly<Record<string, string | number | boolean>>;

/**
 * One event to record. Only `type`, `region`, `time`, `refId`, `meta` and a
 * salted commitment to `payload` reach the leaf; `payload` and `subjectId`
 * never leave the caller's transaction.
 */
export interface LedgerEntryInput {
  type: LedgerEventType;
  /** The region whose log records the event (`eu`, `sea`, `me`, or `coordinator`). */
  region: string;
  time: Date;
  /**
   * A non-personal reference an auditor can ask about: request id, round id,
   * message id. Characters `[A-Za-z0-9._:-]`, at most 128: no e-mail or phone fits.
   */
  refId: string;
  /**
   * Keys the salt row so erasure can delete it; it is never part of the leaf.
   * Omit for events that are about no person (training rounds, key rotations).
   */
  subjectId?: string;
  /** The exact bytes the commitment binds (e.g. a canonical encoding of the event). */
  payload: Uint8Array;
  meta?: LedgerMeta;
}
