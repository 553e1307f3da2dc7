import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Subjects, their wrapped data keys, messages, consent history and import cursors. */
export const foundation: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('subjects')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('jurisdiction', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('external_ref_bidx', 'bytea')
      .addColumn('email_bidx', 'bytea')
      .addColumn('phone_bidx', 'bytea')
      .addColumn('name_ct', 'bytea')
      .addColumn('email_ct', 'bytea')
      .addColumn('phone_ct', 'bytea')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('last_activity_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('subjects_external_ref_bidx').unique().on('subjects').column('external_ref_bidx').execute();
    await db.schema.createIndex('subjects_email_bidx').on('subjects').column('email_bidx').execute();
    await db.schema.createIndex('subjects_phone_bidx').on('subjects').column('phone_bidx').execute();

    // Kept apart from the data (and backed up apart): destroying a row here
    // crypto-shreds every copy of the subject's ciphertext.
    await db.schema
      .createTable('subject_keys')
      .addColumn('subject_id', 'uuid', (c) => c.primaryKey())
      .addColumn('kek_id', 'text', (c) => c.notNull())
      .addColumn('wrapped_dek', 'bytea', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();

    await db.schema
      .createTable('messages')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('subject_id', 'uuid', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
      .addColumn('dedupe_key', 'bytea', (c) => c.notNull().unique())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('language', 'text')
      .addColumn('body_ct', 'bytea', (c) => c.notNull())
      .addColumn('order_ref_ct', 'bytea')
      .addColumn('special_categories', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
      .addColumn('special_handling', 'text', (c) => c.notNull().defaultTo('none'))
      .addColumn('training_allowed', 'boolean', (c) => c.notNull().defaultTo(true))
      .addColumn('intent', 'text')
      .addColumn('sentiment', 'text')
      .addColumn('emotion', 'text')
      .addColumn('confidence', 'real')
      .addColumn('route', 'text')
      .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
      .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('messages_subject_id').on('messages').column('subject_id').execute();
    await db.schema.createIndex('messages_received_at').on('messages').column('received_at').execute();

    await db.schema
      .createTable('consents')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('subject_id', 'uuid', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('granted', 'boolean', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('consents_subject_purpose').on('consents').columns(['subject_id', 'purpose', 'id']).execute();

    await db.schema
      .createTable('import_cursors')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('byte_offset', 'bigint', (c) => c.notNull())
      .addColumn('line_number', 'bigint', (c) => c.notNull())
      .addColumn('imported', 'bigint', (c) => c.notNull())
      .addColumn('rejected', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('import_rejections')
      .addColumn('cursor_id', 'text', (c) => c.notNull().references('import_cursors.id').onDelete('cascade'))
      .addColumn('line_number', 'bigint', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('import_rejections_pk', ['cursor_id', 'line_number'])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['import_rejections', 'import_cursors', 'consents', 'messages', 'subject_keys', 'subjects']) {
      await db.schema.dropTable(t).ifExists().execute();
    }
  },
};
