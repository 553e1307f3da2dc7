import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * What a region node serves. `region_models`: models this region adapted from
 * a global model on its own training data (they never leave the region, so
 * they are not in the coordinator's registry), by content hash, with the
 * global model they came from. `messages.*_model`: the model versions that
 * classified each message, so a routing decision can be traced to its models.
 */
export const servedModels: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('region_models')
      .addColumn('hash', 'text', (c) => c.primaryKey().check(sql`hash ~ '^[0-9a-f]{64}$'`))
      .addColumn('task', 'text', (c) => c.notNull())
      .addColumn('base_hash', 'text', (c) => c.notNull().check(sql`base_hash ~ '^[0-9a-f]{64}$'`))
      .addColumn('base_round', 'integer')
      .addColumn('adaptation', 'jsonb', (c) => c.notNull())
      .addColumn('examples', 'integer', (c) => c.notNull())
      .addColumn('size_bytes', 'bigint', (c) => c.notNull())
      .addColumn('bytes', 'bytea', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('region_models_base').on('region_models').columns(['task', 'base_hash', 'created_at']).execute();
    for (const column of ['intent_model', 'sentiment_model', 'emotion_model']) await db.schema.alterTable('messages').addColumn(column, 'text').execute();
  },
  async down(db: Kysely<any>) {
    for (const column of ['intent_model', 'sentiment_model', 'emotion_model']) await db.schema.alterTable('messages').dropColumn(column).execute();
    await db.schema.dropTable('region_models').ifExists().execute();
  },
};
