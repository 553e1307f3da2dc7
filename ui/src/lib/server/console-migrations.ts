import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { REGIONS } from '@meridian/core/policy/region-profile.ts';
import { ROLES } from './roles.ts';

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/** Grants and the DP budget ledger. Runs after better-auth's own tables exist (grants reference `user`). */
const grantsAndBudget: Migration = {
  async up(db) {
    await db.schema
      .createTable('console_grants')
      .addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in (${list(ROLES)})`))
      .addColumn('region', 'text', (c) => c.notNull().check(sql`region in (${list(REGIONS)})`))
      .addColumn('granted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('console_grants_pk', ['user_id', 'role', 'region'])
      .execute();
    await db.schema
      .createTable('dp_budget_ledger')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('epsilon', 'double precision', (c) => c.notNull().check(sql`epsilon > 0`))
      .addColumn('answer', 'text')
      .addColumn('spent_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('dp_budget_ledger_user_time').on('dp_budget_ledger').columns(['user_id', 'spent_at']).execute();
  },
};

const provider: MigrationProvider = { getMigrations: async () => ({ '0001-grants-and-budget': grantsAndBudget }) };

/**
 * Brings the console's own tables to the latest version (their migration
 * history is kept apart from better-auth's and the region schema's).
 *
 * @example
 * await migrateConsole(db);
 */
export async function migrateConsole(db: Kysely<any>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider, migrationTableName: 'console_migrations', migrationLockTableName: 'console_migrations_lock' }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MeridianError('INTERNAL', `console migration ${failed} failed`, { migration: failed });
  }
}
