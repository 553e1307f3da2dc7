import type { ColumnType } from 'kysely';

/**
 * A subject's lookup tag per contact kind: HMAC-SHA-256 of the normalised
 * e-mail or phone under the federation lookup key, so another region can find
 * the subject's home without the contact crossing in the clear. Goes with the
 * subject.
 */
export interface SubjectLookupTagsTable {
  subject_id: string;
  kind: 'email' | 'phone';
  tag: Uint8Array;
  /** Which federation lookup key made the tag (a rotated key makes it stale). */
  key_id: string;
  /** The subject's blind index the tag was computed from: a mismatch means the contact changed. */
  source_bidx: Uint8Array;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** The requesting side of a forwarded request: which contact kind, the tag until every peer has answered, delivery attempts. */
export interface RightsForwardsTable {
  request_id: string;
  channel: 'email' | 'phone';
  /** Null once every peer has answered. */
  tag: Uint8Array | null;
  key_id: string;
  /** The purposes an objection narrows to (purpose names). */
  purposes: ColumnType<string[] | null, string | null | undefined, string | null>;
  state: 'pending' | 'delivered';
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  next_attempt_at: Date;
  created_at: Date;
  updated_at: Date;
}

/** One peer region's answer to a forwarded request, and the home request's status as last polled. */
export interface RightsForwardPeersTable {
  request_id: string;
  peer_region: string;
  answer: 'accepted' | 'not_here' | 'refused';
  /** The peer's error code when it refused (e.g. FORBIDDEN), never a message. */
  refusal: string | null;
  peer_request_id: string | null;
  peer_status: string | null;
  peer_deny_reason: string | null;
  peer_deadline_at: Date | null;
  answered_at: Date;
  status_checked_at: Date | null;
}
