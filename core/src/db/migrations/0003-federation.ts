import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** The federation coordinator's own state: model registry, rounds and its checkpoint. */
export const federation: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('federation_models')
      .addColumn('hash', 'text', (c) => c.primaryKey().check(sql`hash ~ '^[0-9a-f]{64}$'`))
      .addColumn('federation', 'text', (c) => c.notNull())
      .addColumn('parent_hash', 'text')
      .addColumn('round', 'integer')
      .addColumn('codec', 'text', (c) => c.notNull())
      .addColumn('size_bytes', 'bigint', (c) => c.notNull())
      .addColumn('bytes', 'bytea', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('federation_models_federation').on('federation_models').columns(['federation', 'created_at']).execute();

    await db.schema
      .createTable('federation_rounds')
      .addColumn('federation', 'text', (c) => c.notNull())
      .addColumn('round', 'integer', (c) => c.notNull().check(sql`round >= 1`))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'evaluating', 'closed', 'failed')`))
      .addColumn('strategy', 'text', (c) => c.notNull())
      .addColumn('config', 'jsonb', (c) => c.notNull())
      .addColumn('invited', 'jsonb', (c) => c.notNull())
      .addColumn('contributors', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('failures', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('example_counts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('total_examples', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('model_in', 'text', (c) => c.notNull())
      .addColumn('model_out', 'text')
      .addColumn('evaluation', 'jsonb')
      .addColumn('failure_reason', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('ledger_index', 'bigint')
      .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
      .addColumn('deadline_at', 'timestamptz', (c) => c.notNull())
      .addColumn('aggregated_at', 'timestamptz')
      .addColumn('closed_at', 'timestamptz')
      // The key is what makes a round impossible to run twice.
      .addPrimaryKeyConstraint('federation_rounds_pk', ['federation', 'round'])
      .execute();

    await db.schema
      .createTable('federation_checkpoints')
      .addColumn('federation', 'text', (c) => c.primaryKey())
      .addColumn('round', 'integer', (c) => c.notNull().check(sql`round >= 0`))
      .addColumn('model_hash', 'text', (c) => c.notNull().references('federation_models.hash'))
      .addColumn('strategy', 'text', (c) => c.notNull())
      .addColumn('strategy_state', 'bytea', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['federation_checkpoints', 'federation_rounds', 'federation_models']) await db.schema.dropTable(t).ifExists().execute();
  },
};
