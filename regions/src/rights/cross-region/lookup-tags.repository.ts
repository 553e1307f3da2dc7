import type { DbOrTrx } from '@meridian/core/db/database.ts';
import type { LookupKey } from './lookup-key.ts';
import { lookupTag, type LookupKind } from './lookup-tag.ts';

/** One contact of one subject to (re)tag: the plaintext is used only to compute the HMAC here, never stored. */
export interface TagSource {
  subjectId: string;
  kind: LookupKind;
  value: string;
  /** The subject's blind index of that contact, recorded to detect a later change. */
  sourceBidx: Uint8Array;
}

/**
 * Storage of subjects' lookup tags (`subject_lookup_tags`). Functions take `db | trx`.
 *
 * @example
 * await lookupTags.write(trx, lk, [{ subjectId, kind: 'email', value: 'ana@example.org', sourceBidx }], now);
 * const ids = await lookupTags.subjectsWith(db, lk, 'email', tag);
 */
export const lookupTags = {
  /** Upserts the tags of these contacts under `key` (the last write for a subject and kind wins). */
  async write(db: DbOrTrx, key: LookupKey, sources: readonly TagSource[], now: Date): Promise<number> {
    const latest = new Map(sources.map((s) => [`${s.subjectId}\0${s.kind}`, s]));
    if (!latest.size) return 0;
    await db
      .insertInto('subject_lookup_tags')
      .values([...latest.values()].map((s) => ({ subject_id: s.subjectId, kind: s.kind, tag: lookupTag(key, s.kind, s.value), key_id: key.id, source_bidx: s.sourceBidx, updated_at: now })))
      .onConflict((oc) =>
        oc.columns(['subject_id', 'kind']).doUpdateSet((eb) => ({ tag: eb.ref('excluded.tag'), key_id: eb.ref('excluded.key_id'), source_bidx: eb.ref('excluded.source_bidx'), updated_at: eb.ref('excluded.updated_at') })),
      )
      .execute();
    return latest.size;
  },

  /** Removes tags of contacts a subject no longer has. */
  async remove(db: DbOrTrx, entries: readonly { subjectId: string; kind: LookupKind }[]): Promise<void> {
    for (const e of entries) await db.deleteFrom('subject_lookup_tags').where('subject_id', '=', e.subjectId).where('kind', '=', e.kind).execute();
  },

  /** The subjects whose contact of this kind has this tag under this key (normally one; two when customers share a contact). */
  async subjectsWith(db: DbOrTrx, key: LookupKey, kind: LookupKind, tag: Uint8Array): Promise<string[]> {
    const rows = await db.selectFrom('subject_lookup_tags').select('subject_id').where('tag', '=', tag).where('kind', '=', kind).where('key_id', '=', key.id).limit(10).execute();
    return rows.map((r) => r.subject_id);
  },
};
