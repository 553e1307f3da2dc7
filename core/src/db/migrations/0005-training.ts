import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Labels agents give messages (the supervision federated training learns from),
 * and lineage: which subjects' messages trained which round, so consent
 * withdrawal and erasure can be traced into the models.
 */
export const training: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('message_labels')
      .addColumn('message_id', 'uuid', (c) => c.notNull().references('messages.id').onDelete('cascade'))
      .addColumn('task', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('message_labels_pk', ['message_id', 'task'])
      .execute();
    await db.schema
      .createTable('training_lineage')
      .addColumn('federation', 'text', (c) => c.notNull())
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('subject_id', 'uuid', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
      .addColumn('messages', 'integer', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('training_lineage_pk', ['federation', 'round', 'subject_id'])
      .execute();
    await db.schema.createIndex('training_lineage_subject').on('training_lineage').column('subject_id').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('training_lineage').ifExists().execute();
    await db.schema.dropTable('message_labels').ifExists().execute();
  },
};
