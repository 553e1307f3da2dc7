import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import type { TestDatabase } from './databases.ts';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * Every byte a database holds that a dump would show: each row of each table in
 * every non-system schema (bytea both as hex and as raw bytes), plus the engine's
 * own dump — `pg_dump` for PostgreSQL, the raw data directory (heap pages and WAL)
 * for PGlite.
 */
export async function dumpDatabase(t: TestDatabase): Promise<Buffer> {
  const parts: Buffer[] = [];
  const tables = await sql<{ s: string; n: string }>`
    select table_schema as s, table_name as n from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`.execute(t.db);
  for (const { s, n } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.id(s, n)}`.execute(t.db);
    for (const row of rows.rows) {
      for (const v of Object.values(row)) {
        if (v instanceof Uint8Array) parts.push(Buffer.from(v), Buffer.from(Buffer.from(v).toString('hex')));
        else parts.push(Buffer.from(JSON.stringify(v) ?? ''));
      }
    }
  }
  if (t.dialect === 'pglite' && t.pglite) {
    await t.pglite.query('CHECKPOINT');
    const blob = await t.pglite.dumpDataDir('none');
    parts.push(Buffer.from(await blob.arrayBuffer()));
  } else if (t.url) {
    const r = spawnSync(`${PG_BIN}/pg_dump`, ['--no-owner', t.url], { maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`pg_dump failed: ${r.stderr.toString()}`);
    parts.push(r.stdout);
  }
  return Buffer.concat(parts);
}

/** The canary values found in a dump, in any of the encodings a leak could take. */
export function findCanaries(dump: Buffer, canaries: readonly string[]): string[] {
  const lower = Buffer.from(dump.toString('latin1').toLowerCase(), 'latin1');
  return canaries.filter((c) => {
    const forms = [c, c.toLowerCase(), Buffer.from(c, 'utf8').toString('hex'), Buffer.from(c, 'utf8').toString('base64')];
    return forms.some((f) => dump.includes(Buffer.from(f, 'utf8')) || lower.includes(Buffer.from(f.toLowerCase(), 'utf8')));
  });
}
