import { inject } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Kysely, PGliteDialect } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, type OpenDatabase, type DialectName } from '../core/src/db/open-database.ts';
import { migrateToLatest } from '../core/src/db/migrate-to-latest.ts';

/** Both engines every storage test runs on. */
export const DIALECTS: readonly DialectName[] = ['pglite', 'postgres'];

let template: Promise<Blob> | undefined;

/** A migrated PGlite snapshot, built once per worker; restoring it costs ~0.5 s instead of ~5 s. */
function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const pglite = await PGlite.create('memory://');
    const k = new Kysely<any>({ dialect: new PGliteDialect({ pglite }) });
    await migrateToLatest(k);
    const blob = await pglite.dumpDataDir('none');
    await pglite.close();
    return blob as Blob;
  })();
  return template;
}

export interface TestDatabase extends OpenDatabase {
  /** The connection URL (postgres only), e.g. for a second process. */
  url?: string;
}

/**
 * A fresh, migrated, empty database on the given engine. On postgres each call
 * creates its own database in the run's throwaway cluster.
 */
export async function freshDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'pglite') {
    return openDatabase({ loadDataDir: await pgliteTemplate() });
  }
  const admin = inject('postgresUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const opened = await openDatabase({ url: url.toString(), poolSize: 4 });
  await migrateToLatest(opened.db);
  return {
    ...opened,
    url: url.toString(),
    close: async () => {
      await opened.close();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
