import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * What a region's subject-level DP training has spent, per model: one row per
 * released round. The accountant recomposes ε from the rows' (q, σ, steps),
 * so the table is the budget's source of truth and survives restarts. A
 * retrained round is a new release and gets its own row (`id`), never an upsert.
 */
export const privacySpend: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('privacy_spend')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('federation', 'text', (c) => c.notNull())
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('sample_rate', 'double precision', (c) => c.notNull())
      .addColumn('noise_multiplier', 'double precision', (c) => c.notNull())
      .addColumn('steps', 'integer', (c) => c.notNull())
      .addColumn('clip_norm', 'double precision', (c) => c.notNull())
      .addColumn('epsilon', 'double precision', (c) => c.notNull())
      .addColumn('delta', 'double precision', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('privacy_spend_model').on('privacy_spend').columns(['region', 'model', 'id']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('privacy_spend').ifExists().execute();
  },
};
