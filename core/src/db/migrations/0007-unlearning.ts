import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Model unlearning after erasure. On a region node: the SISA shard of each
 * lineage row, and the durable unlearning queue an erasure fills with
 * non-personal facts only (which federation, from which round, how many
 * rounds and messages; never the subject). On the coordinator: every
 * rollback-and-retrain run, with the models it replaced, so a later run
 * starts from the retrained chain rather than the original one.
 */
export const unlearning: Migration = {
  async up(db: Kysely<any>) {
    // Null for rows recorded before shards existed.
    await db.schema.alterTable('training_lineage').addColumn('shard', 'integer').execute();

    await db.schema
      .createTable('unlearning_requests')
      .addColumn('request_id', 'uuid', (c) => c.notNull().references('rights_requests.id').onDelete('cascade'))
      .addColumn('federation', 'text', (c) => c.notNull())
      .addColumn('from_round', 'integer', (c) => c.notNull().check(sql`from_round >= 1`))
      .addColumn('rounds', 'jsonb', (c) => c.notNull())
      .addColumn('messages', 'integer', (c) => c.notNull())
      .addColumn('shards', 'jsonb', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'running', 'done', 'not_needed')`))
      .addColumn('run_id', 'uuid')
      .addColumn('enqueued_at', 'timestamptz', (c) => c.notNull())
      .addColumn('due_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('unlearning_requests_pk', ['request_id', 'federation'])
      .execute();
    await db.schema.createIndex('unlearning_requests_due').on('unlearning_requests').columns(['status', 'federation', 'due_at']).execute();

    await db.schema
      .createTable('unlearning_runs')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('federation', 'text', (c) => c.notNull())
      .addColumn('step', 'text', (c) => c.notNull().check(sql`step in ('retrain', 'done')`))
      .addColumn('from_round', 'integer', (c) => c.notNull())
      .addColumn('requests', 'integer', (c) => c.notNull())
      .addColumn('outcome', 'jsonb')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('run_after', 'timestamptz', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('finished_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('unlearning_runs_due').on('unlearning_runs').columns(['step', 'run_after']).execute();

    await db.schema
      .createTable('federation_unlearning_runs')
      .addColumn('federation', 'text', (c) => c.notNull())
      .addColumn('generation', 'integer', (c) => c.notNull().check(sql`generation >= 1`))
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('retraining', 'committed')`))
      .addColumn('rolled_back_to', 'integer', (c) => c.notNull())
      .addColumn('to_round', 'integer', (c) => c.notNull())
      .addColumn('previous_model_hash', 'text', (c) => c.notNull())
      .addColumn('model_hash', 'text')
      .addColumn('rounds', 'jsonb', (c) => c.notNull())
      .addColumn('started_at', 'timestamptz', (c) => c.notNull())
      .addColumn('committed_at', 'timestamptz')
      .addPrimaryKeyConstraint('federation_unlearning_runs_pk', ['federation', 'generation'])
      .addUniqueConstraint('federation_unlearning_runs_run', ['federation', 'run_id'])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['federation_unlearning_runs', 'unlearning_runs', 'unlearning_requests']) await db.schema.dropTable(t).ifExists().execute();
    await db.schema.alterTable('training_lineage').dropColumn('shard').execute();
  },
};
