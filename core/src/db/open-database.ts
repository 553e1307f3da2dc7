import { Kysely, PostgresDialect, PGliteDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import type { Database } from './database.ts';

/** Which engine a node's database runs on. */
export type DialectName = 'postgres' | 'pglite';

export interface DatabaseConfig {
  /** A PostgreSQL connection URL. When absent, an embedded PGlite database is used. */
  url?: string;
  /** PGlite data directory; `memory://` (or undefined) keeps it in memory. */
  dataDir?: string;
  /** Restore a PGlite instance from a `dumpDataDir()` tarball (fast test fixtures). */
  loadDataDir?: Blob;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /**
   * Called when an idle pooled connection fails (server restart, admin kill).
   * pg would otherwise crash the process; the pool replaces the connection anyway.
   */
  onIdleError?: (e: Error) => void;
}

export interface OpenDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The PGlite instance, when embedded (for dumps and snapshots). */
  pglite?: PGlite;
  close(): Promise<void>;
}

// Postgres OIDs whose wire text we parse the same way on both engines, so that
// rows look identical whichever dialect served them.
const INT8 = 20;
const NUMERIC = 1700;
const toNumber = (v: string) => Number(v);

/**
 * Opens the node's database: real PostgreSQL through `pg` when a URL is given,
 * embedded PGlite otherwise. Both return numbers for int8 and Uint8Array for bytea.
 *
 * @example
 * const { db, close } = await openDatabase({ url: process.env.DATABASE_URL, dataDir: '.data/eu' });
 * await migrateToLatest(db);
 * await close();
 */
export async function openDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
  if (config.url) {
    const pool = new pg.Pool({
      connectionString: config.url,
      max: config.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8 || oid === NUMERIC ? toNumber : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    pool.on('error', (e) => config.onIdleError?.(e));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const dir = config.dataDir ?? 'memory://';
  if (!dir.includes('://')) mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create(dir, {
    loadDataDir: config.loadDataDir,
    parsers: { [INT8]: toNumber, [NUMERIC]: toNumber },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    dialect: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
