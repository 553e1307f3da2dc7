import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Data-subject rights: requests, their link to a subject, identity verification, outbox, execution queue, erasure tombstones. */
export const rights: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('rights_requests')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('erasure', 'access', 'rectification', 'restriction', 'objection', 'opt_out_sale')`))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('received', 'verified', 'approved', 'executing', 'completed', 'denied')`))
      .addColumn('jurisdiction', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('received_at', 'timestamptz', (c) => c.notNull())
      .addColumn('statutory_deadline_at', 'timestamptz', (c) => c.notNull())
      .addColumn('target_at', 'timestamptz', (c) => c.notNull())
      .addColumn('extended_deadline_at', 'timestamptz')
      .addColumn('extension_reason', 'text')
      .addColumn('extended_by', 'text')
      .addColumn('verified_at', 'timestamptz')
      .addColumn('approved_at', 'timestamptz')
      .addColumn('approved_by', 'text')
      .addColumn('executing_at', 'timestamptz')
      .addColumn('completed_at', 'timestamptz')
      .addColumn('denied_at', 'timestamptz')
      .addColumn('deny_reason', 'text')
      .addColumn('outcome', 'jsonb')
      .execute();
    await db.schema.createIndex('rights_requests_open').on('rights_requests').columns(['status', 'received_at']).execute();

    // The only link from a request to a person; it goes with the subject.
    await db.schema
      .createTable('rights_request_subjects')
      .addColumn('request_id', 'uuid', (c) => c.primaryKey().references('rights_requests.id').onDelete('cascade'))
      .addColumn('subject_id', 'uuid', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
      .addColumn('details_ct', 'bytea')
      .execute();
    await db.schema.createIndex('rights_request_subjects_subject').on('rights_request_subjects').column('subject_id').execute();

    await db.schema
      .createTable('rights_verifications')
      .addColumn('request_id', 'uuid', (c) => c.primaryKey().references('rights_requests.id').onDelete('cascade'))
      .addColumn('subject_id', 'uuid', (c) => c.references('subjects.id').onDelete('cascade'))
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('code_hmac', 'bytea', (c) => c.notNull())
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('locked_at', 'timestamptz')
      .addColumn('verified_at', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('rights_verifications_subject').on('rights_verifications').column('subject_id').execute();

    await db.schema
      .createTable('rights_outbox')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('subject_id', 'uuid', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('to_ct', 'bytea', (c) => c.notNull())
      .addColumn('body_ct', 'bytea', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('sent_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('rights_outbox_subject').on('rights_outbox').column('subject_id').execute();

    // No foreign key to subjects: an erasure job must outlive the subject's rows until its last step.
    await db.schema
      .createTable('rights_jobs')
      .addColumn('request_id', 'uuid', (c) => c.primaryKey().references('rights_requests.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('step', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'uuid')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('run_after', 'timestamptz', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('rights_jobs_due').on('rights_jobs').columns(['run_after', 'created_at']).execute();

    await db.schema
      .createTable('erasure_tombstones')
      .addColumn('digest', 'bytea', (c) => c.primaryKey())
      .addColumn('request_id', 'uuid', (c) => c.notNull())
      .addColumn('erased_at', 'timestamptz', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['erasure_tombstones', 'rights_jobs', 'rights_outbox', 'rights_verifications', 'rights_request_subjects', 'rights_requests']) {
      await db.schema.dropTable(t).ifExists().execute();
    }
  },
};
