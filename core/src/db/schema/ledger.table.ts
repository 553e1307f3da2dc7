import type { ColumnType, Generated, Selectable } from 'kysely';

/** The single head row (id = 1) that appenders lock: the committed tree size. */
export interface LedgerHeadTable {
  id: number;
  size: number;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** One row per leaf: the exact hashed bytes plus `ref_id`, a lookup copy of the leaf's refId. */
export interface LedgerEntriesTable {
  idx: number;
  ref_id: string;
  leaf: Uint8Array;
}

/**
 * Hashes of perfect subtrees, 2^TILE_HEIGHT per row: row (level L, idx N)
 * holds the nodes at tree level L·TILE_HEIGHT with indexes N·2^H … (a
 * partial last row grows until full). Everything else is recomputed.
 */
export interface LedgerTilesTable {
  level: number;
  idx: number;
  hashes: Uint8Array;
}

/** Signed checkpoints (C2SP signed note bytes, cosignature lines appended as witnesses sign). */
export interface LedgerCheckpointsTable {
  size: number;
  note: Uint8Array;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/**
 * Commitment salts, kept apart from the log. `subject_id` exists only so
 * erasure can delete a subject's salts, which makes their commitments
 * unlinkable to their data while every leaf and proof stays intact.
 */
export interface LedgerSaltsTable {
  commitment: Uint8Array;
  subject_id: string | null;
  salt: Uint8Array;
}

/** A witness's last verified checkpoint per log it watches. */
export interface LedgerWitnessStateTable {
  origin: string;
  size: number;
  root: Uint8Array;
  note: Uint8Array;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** Split views and failed consistency checks a witness saw, with both checkpoints as evidence. */
export interface LedgerWitnessAlarmsTable {
  id: Generated<number>;
  origin: string;
  kind: string;
  detail: string;
  previous_note: Uint8Array;
  presented_note: Uint8Array;
  detected_at: ColumnType<Date, Date | undefined, never>;
}

export type LedgerCheckpointRow = Selectable<LedgerCheckpointsTable>;
export type LedgerWitnessAlarmRow = Selectable<LedgerWitnessAlarmsTable>;
