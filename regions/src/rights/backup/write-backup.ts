import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { sql } from 'kysely';
import type { RegionNode } from '../../node/region-node.ts';
import { BACKUP_FORMAT, KEY_TABLES, TOMBSTONE_TABLES, type BackupManifest } from './backup-format.ts';

const PAGE = 5_000;

function encode(v: unknown): unknown {
  if (v instanceof Uint8Array) return `\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
  if (v instanceof Date) return v.toISOString();
  return v;
}

/** Base tables of the public schema (except the migrator's), parents before children, so a restore can stream rows in file order. */
export async function backupTables(db: RegionNode['db']): Promise<string[]> {
  const r = await sql<{ n: string }>`select table_name as n from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%' order by table_name`.execute(db);
  const fks = await sql<{ child: string; parent: string }>`select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
    from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace`.execute(db);
  const names = r.rows.map((x) => x.n);
  const parents = new Map(names.map((n) => [n, new Set(fks.rows.filter((f) => f.child === n && f.parent !== n).map((f) => f.parent))]));
  const out: string[] = [];
  const visit = (n: string, path: Set<string>) => {
    if (out.includes(n) || path.has(n)) return;
    path.add(n);
    for (const p of parents.get(n) ?? []) visit(p, path);
    out.push(n);
  };
  for (const n of names) visit(n, new Set());
  return out;
}

/**
 * Writes a logical backup of the node's database to `dir` (see
 * `backup-format.ts`) from one repeatable-read snapshot, so the files are
 * mutually consistent. The key table goes to its own file.
 *
 * @example
 * const manifest = await writeBackup(node, '/backups/eu-2026-11-20');
 */
export async function writeBackup(node: RegionNode, dir: string): Promise<BackupManifest> {
  mkdirSync(dir, { recursive: true });
  const files = {
    data: createWriteStream(join(dir, 'data.ndjson')),
    keys: createWriteStream(join(dir, 'keys.ndjson')),
    tombstones: createWriteStream(join(dir, 'tombstones.ndjson')),
  };
  const counts: Record<string, number> = {};
  let migrations: string[] = [];
  await node.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    migrations = (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(trx)).rows.map((r) => r.name);
    for (const table of await backupTables(trx)) {
      const out = (KEY_TABLES as readonly string[]).includes(table) ? files.keys : (TOMBSTONE_TABLES as readonly string[]).includes(table) ? files.tombstones : files.data;
      counts[table] = 0;
      // Paged by ctid so a large table is never held in memory whole.
      let last = '(0,0)';
      for (;;) {
        const rows = await sql<Record<string, unknown>>`select ctid::text as "__ctid", * from ${sql.table(table)} where ctid > ${last}::tid order by ctid limit ${PAGE}`.execute(trx);
        for (const row of rows.rows) {
          const { __ctid, ...r } = row;
          if (!out.write(`${JSON.stringify({ t: table, r: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, encode(v)])) })}\n`)) await once(out, 'drain');
        }
        counts[table] += rows.rows.length;
        if (rows.rows.length < PAGE) break;
        last = String(rows.rows[rows.rows.length - 1]!.__ctid);
      }
    }
  });
  await Promise.all(Object.values(files).map((f) => new Promise<void>((resolve, reject) => f.end((e?: Error | null) => (e ? reject(e) : resolve())))));
  const manifest: BackupManifest = { format: BACKUP_FORMAT, region: node.region, createdAt: node.now().toISOString(), migrations, tables: counts };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}
