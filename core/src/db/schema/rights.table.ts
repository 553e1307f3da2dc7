import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * A data-subject rights request. Holds nothing personal: the subject is linked
 * through `rights_request_subjects`, which goes when the subject goes, so a
 * completed erasure leaves a request that links to nobody.
 */
export interface RightsRequestsTable {
  id: string;
  type: string;
  status: string;
  jurisdiction: string;
  /** Who filed it: the authenticated API caller or the CLI operator. */
  requested_by: string;
  received_at: Date;
  statutory_deadline_at: Date;
  target_at: Date;
  extended_deadline_at: Date | null;
  extension_reason: string | null;
  extended_by: string | null;
  verified_at: Date | null;
  approved_at: Date | null;
  approved_by: string | null;
  executing_at: Date | null;
  completed_at: Date | null;
  denied_at: Date | null;
  deny_reason: string | null;
  /** Non-personal counts of what was done (rows deleted, salts forgotten...). */
  outcome: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  /** For a request forwarded by another region: that region, and its request id. */
  origin_region: ColumnType<string | null, string | null | undefined, string | null>;
  origin_request_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Links a request to its subject; deleted with the subject (cascade). */
export interface RightsRequestSubjectsTable {
  request_id: string;
  subject_id: string;
  /** Request details that are personal (a rectified e-mail...), sealed under the subject's data key. */
  details_ct: Uint8Array | null;
}

/** The one-time code that proves the requester controls the contact on file. */
export interface RightsVerificationsTable {
  request_id: string;
  /** Null when no subject matched: a code nobody knows is stored, so the answer looks the same. */
  subject_id: string | null;
  channel: string;
  code_hmac: Uint8Array;
  expires_at: Date;
  attempts: Generated<number>;
  max_attempts: number;
  locked_at: Date | null;
  verified_at: Date | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** Messages to subjects (verification codes), sealed under the subject's data key, for a mailer to send. */
export interface RightsOutboxTable {
  id: string;
  subject_id: string;
  channel: string;
  to_ct: Uint8Array;
  body_ct: Uint8Array;
  created_at: ColumnType<Date, Date | undefined, never>;
  sent_at: Date | null;
}

/** The durable queue of request executions (claimed with FOR UPDATE SKIP LOCKED). A row is deleted when its request completes. */
export interface RightsJobsTable {
  request_id: string;
  kind: string;
  step: string;
  subject_id: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  run_after: Date;
  created_at: Date;
  updated_at: Date;
}

/**
 * Keyed hashes of erased subjects' identifiers (never the identifiers): backed up
 * apart and kept live through a restore, which replays them before the node serves.
 */
export interface ErasureTombstonesTable {
  digest: Uint8Array;
  request_id: string;
  erased_at: Date;
}

export type RightsRequestRow = Selectable<RightsRequestsTable>;
