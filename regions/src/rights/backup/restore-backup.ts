import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { sql, type Transaction } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { RegionNode } from '../../node/region-node.ts';
import { replayTombstones } from '../replay-tombstones.ts';
import { BACKUP_FORMAT, type BackupManifest } from './backup-format.ts';
import { backupTables } from './write-backup.ts';

/**
 * Kept live through a restore: the tombstones (the record of every erasure,
 * which an old backup must never roll back) and the rights requests and their
 * queue (no personal data; the history of requests decided since the backup),
 * and the model unlearning those erasures still owe.
 */
export const LIVE_TABLES = ['erasure_tombstones', 'rights_requests', 'rights_jobs', 'unlearning_requests', 'unlearning_runs'] as const;
/** The audit log is append-only: restored from a backup only into an empty log, never rewound. */
export const LEDGER_TABLES = ['ledger_head', 'ledger_entries', 'ledger_tiles', 'ledger_checkpoints', 'ledger_salts', 'ledger_witness_state', 'ledger_witness_alarms'] as const;

const CHUNK = 2_000;

async function insertRows(trx: Transaction<Database>, table: string, rows: unknown[], onConflictDoNothing = false): Promise<void> {
  if (!rows.length) return;
  await sql`insert into ${sql.table(table)} select * from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)
    ${onConflictDoNothing ? sql`on conflict do nothing` : sql``}`.execute(trx);
}

async function streamFile(trx: Transaction<Database>, file: string, accept: (table: string) => boolean, onConflictDoNothing = false): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  if (!existsSync(file)) return counts;
  let table = '';
  let buf: unknown[] = [];
  const flush = async () => {
    await insertRows(trx, table, buf, onConflictDoNothing);
    buf = [];
  };
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line) continue;
    const { t, r } = JSON.parse(line) as { t: string; r: unknown };
    if (!accept(t)) continue;
    if (t !== table || buf.length >= CHUNK) {
      await flush();
      table = t;
    }
    buf.push(r);
    counts[t] = (counts[t] ?? 0) + 1;
  }
  await flush();
  return counts;
}

export interface RestoreReport {
  restored: Record<string, number>;
  keptLive: string[];
  tombstones: number;
  reErased: number;
}

/**
 * Restores a logical backup into the node's database, in ONE transaction that
 * ends by replaying the erasure tombstones (the live ones, which the restore
 * never overwrites, plus those in the backup's own tombstone file): no reader
 * ever sees the restored rows of an erased subject, and the node serves again
 * only after this returns. The data key cache is cleared.
 *
 * @example
 * const report = await restoreBackup(node, '/backups/eu-2026-11-20'); // report.reErased subjects erased again
 */
export async function restoreBackup(node: RegionNode, dir: string): Promise<RestoreReport> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new MeridianError('BAD_INPUT', 'not a Meridian logical backup', { format: String(manifest.format) });
  if (manifest.region !== node.region) throw new MeridianError('BAD_INPUT', `backup of region ${manifest.region} cannot be restored into ${node.region}`, { backupRegion: manifest.region, nodeRegion: node.region });
  const report = await node.db.transaction().execute(async (trx) => {
    const live = (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(trx)).rows.map((r) => r.name);
    if (live.join() !== manifest.migrations.join()) {
      throw new MeridianError('CONFLICT', 'the backup was taken at another schema version; migrate a matching build first', { backup: manifest.migrations, live });
    }
    const head = await trx.selectFrom('ledger_head').select('size').executeTakeFirst();
    const keepLedger = Number(head?.size ?? 0) > 0;
    const keptLive = [...LIVE_TABLES, ...(keepLedger ? LEDGER_TABLES : [])] as string[];
    const tables = (await backupTables(trx)).filter((t) => !keptLive.includes(t));
    await sql`truncate ${sql.join(tables.map((t) => sql.table(t)))}`.execute(trx);
    const accept = (t: string) => tables.includes(t);
    const restored = { ...(await streamFile(trx, join(dir, 'data.ndjson'), accept)), ...(await streamFile(trx, join(dir, 'keys.ndjson'), accept)) };
    // Tombstones only ever accumulate: the backup's are added to the live ones.
    await streamFile(trx, join(dir, 'tombstones.ndjson'), (t) => t === 'erasure_tombstones', true);
    // Serial columns continue after the restored maximum.
    const serials = await sql<{ t: string; c: string }>`select table_name as t, column_name as c from information_schema.columns
      where table_schema = 'public' and column_default like 'nextval(%'`.execute(trx);
    for (const { t, c } of serials.rows) {
      if (!tables.includes(t)) continue;
      await sql`select setval(pg_get_serial_sequence(${t}, ${c}), greatest(coalesce((select max(${sql.ref(c)}) from ${sql.table(t)}), 0), 1), (select count(*) > 0 from ${sql.table(t)}))`.execute(trx);
    }
    const replay = await replayTombstones(node, trx);
    return { restored, keptLive, ...replay };
  });
  node.keys.clear();
  node.logger.info({ tables: Object.keys(report.restored).length, reErased: report.reErased, tombstones: report.tombstones }, 'backup restored; tombstones replayed');
  return report;
}
