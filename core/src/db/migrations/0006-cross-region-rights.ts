import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const STATES = (extra: string) => sql.raw(`status in ('received', 'verified', 'approved', 'executing', 'completed', 'denied'${extra})`);

/**
 * Cross-region rights requests (regions/src/rights/cross-region): per-subject
 * lookup tags under the federation lookup key, the origin of a request filed
 * in another region, the `forwarded` state, and the requesting side's record
 * of where a request went. Additive only: existing rows stay valid, tags for
 * existing subjects are backfilled online by `syncLookupTags`.
 */
export const crossRegionRights: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('subject_lookup_tags')
      .addColumn('subject_id', 'uuid', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('email', 'phone')`))
      .addColumn('tag', 'bytea', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      // The blind index the tag was computed from: a changed contact (or a backfill) is found by comparing it with the subject's.
      .addColumn('source_bidx', 'bytea', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('subject_lookup_tags_pk', ['subject_id', 'kind'])
      .execute();
    await db.schema.createIndex('subject_lookup_tags_tag').on('subject_lookup_tags').columns(['tag', 'kind']).execute();

    await db.schema.alterTable('rights_requests').addColumn('origin_region', 'text').execute();
    await db.schema.alterTable('rights_requests').addColumn('origin_request_id', 'uuid').execute();
    // A retried forward finds the request it already created.
    await db.schema
      .createIndex('rights_requests_origin')
      .on('rights_requests')
      .columns(['origin_region', 'origin_request_id'])
      .unique()
      .where(sql.ref('origin_request_id'), 'is not', null)
      .execute();
    await sql`alter table rights_requests drop constraint if exists rights_requests_status_check`.execute(db);
    await sql`alter table rights_requests add constraint rights_requests_status_check check (${STATES(", 'forwarded'")})`.execute(db);

    await db.schema
      .createTable('rights_forwards')
      .addColumn('request_id', 'uuid', (c) => c.primaryKey().references('rights_requests.id').onDelete('cascade'))
      .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'phone')`))
      // Held only until every peer has answered, then set to null.
      .addColumn('tag', 'bytea')
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('purposes', 'jsonb')
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'delivered')`))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('rights_forwards_due').on('rights_forwards').columns(['state', 'next_attempt_at']).execute();

    await db.schema
      .createTable('rights_forward_peers')
      .addColumn('request_id', 'uuid', (c) => c.notNull().references('rights_forwards.request_id').onDelete('cascade'))
      .addColumn('peer_region', 'text', (c) => c.notNull())
      .addColumn('answer', 'text', (c) => c.notNull().check(sql`answer in ('accepted', 'not_here', 'refused')`))
      .addColumn('refusal', 'text')
      .addColumn('peer_request_id', 'uuid')
      .addColumn('peer_status', 'text')
      .addColumn('peer_deny_reason', 'text')
      .addColumn('peer_deadline_at', 'timestamptz')
      .addColumn('answered_at', 'timestamptz', (c) => c.notNull())
      .addColumn('status_checked_at', 'timestamptz')
      .addPrimaryKeyConstraint('rights_forward_peers_pk', ['request_id', 'peer_region'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('rights_forward_peers').ifExists().execute();
    await db.schema.dropTable('rights_forwards').ifExists().execute();
    await sql`update rights_requests set status = 'denied', deny_reason = coalesce(deny_reason, 'forwarded') where status = 'forwarded'`.execute(db);
    await sql`alter table rights_requests drop constraint if exists rights_requests_status_check`.execute(db);
    await sql`alter table rights_requests add constraint rights_requests_status_check check (${STATES('')})`.execute(db);
    await db.schema.dropIndex('rights_requests_origin').ifExists().execute();
    await db.schema.alterTable('rights_requests').dropColumn('origin_request_id').execute();
    await db.schema.alterTable('rights_requests').dropColumn('origin_region').execute();
    await db.schema.dropTable('subject_lookup_tags').ifExists().execute();
  },
};
