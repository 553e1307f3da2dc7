import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** The region's audit ledger (Merkle log, checkpoints, salts) and its witness state. */
export const ledger: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('ledger_head')
      .addColumn('id', 'smallint', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.insertInto('ledger_head').values({ id: 1, size: 0 }).execute();

    await db.schema
      .createTable('ledger_entries')
      .addColumn('idx', 'bigint', (c) => c.primaryKey())
      .addColumn('ref_id', 'text', (c) => c.notNull())
      .addColumn('leaf', 'bytea', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ledger_entries_ref_id').on('ledger_entries').column('ref_id').execute();

    await db.schema
      .createTable('ledger_tiles')
      .addColumn('level', 'smallint', (c) => c.notNull())
      .addColumn('idx', 'bigint', (c) => c.notNull())
      .addColumn('hashes', 'bytea', (c) => c.notNull())
      .addPrimaryKeyConstraint('ledger_tiles_pk', ['level', 'idx'])
      .execute();

    await db.schema
      .createTable('ledger_checkpoints')
      .addColumn('size', 'bigint', (c) => c.primaryKey())
      .addColumn('note', 'bytea', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();

    await db.schema
      .createTable('ledger_salts')
      .addColumn('commitment', 'bytea', (c) => c.primaryKey())
      .addColumn('subject_id', 'uuid')
      .addColumn('salt', 'bytea', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ledger_salts_subject_id').on('ledger_salts').column('subject_id').where(sql.ref('subject_id'), 'is not', null).execute();

    await db.schema
      .createTable('ledger_witness_state')
      .addColumn('origin', 'text', (c) => c.primaryKey())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('root', 'bytea', (c) => c.notNull())
      .addColumn('note', 'bytea', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();

    await db.schema
      .createTable('ledger_witness_alarms')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('previous_note', 'bytea', (c) => c.notNull())
      .addColumn('presented_note', 'bytea', (c) => c.notNull())
      .addColumn('detected_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['ledger_witness_alarms', 'ledger_witness_state', 'ledger_salts', 'ledger_checkpoints', 'ledger_tiles', 'ledger_entries', 'ledger_head']) {
      await db.schema.dropTable(t).ifExists().execute();
    }
  },
};
