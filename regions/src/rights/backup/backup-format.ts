/**
 * A logical backup is a directory:
 * - `manifest.json`: format, region, migrations, time, row counts;
 * - `data.ndjson`: one `{"t": table, "r": row}` line per row of every table
 *   except the key table and the tombstones;
 * - `keys.ndjson`: `subject_keys` alone, so it can be stored and expired apart
 *   from the data (DESIGN.md §3);
 * - `tombstones.ndjson`: the erasure tombstones at backup time, kept apart; a
 *   restore replays the live ones (which it never overwrites) plus these.
 * Values: bytea as `\x` hex, timestamps as ISO strings, arrays and jsonb as JSON,
 * which is what `json_populate_recordset` reads back.
 */
export const BACKUP_FORMAT = 'meridian-logical-backup/v1';
export const KEY_TABLES = ['subject_keys'] as const;
export const TOMBSTONE_TABLES = ['erasure_tombstones'] as const;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  region: string;
  createdAt: string;
  migrations: string[];
  tables: Record<string, number>;
}
