import { openField } from '@meridian/core/crypto/field-cipher.ts';
import type { RegionNode } from '../../node/region-node.ts';
import { fieldAad } from '../../subjects/subject.repository.ts';
import { subjectDataKeys } from '../../subjects/subject-data-keys.ts';
import { lookupTags, type TagSource } from './lookup-tags.repository.ts';
import type { LookupKind } from './lookup-tag.ts';

export interface LookupTagSync {
  /** Subjects whose tags were missing or stale. */
  scanned: number;
  tagged: number;
  removed: number;
  batches: number;
}

const bytesEqual = (a: Uint8Array | null, b: Uint8Array | null) => !!a && !!b && Buffer.from(a).equals(Buffer.from(b));

/**
 * Brings every subject's lookup tags up to date: tags missing (subjects stored
 * before the node had the federation lookup key, or before this migration),
 * made under another key (after a rotation of the lookup key), or computed
 * from a contact that has since changed (the recorded blind index differs), and
 * tags of contacts the subject no longer has. Contacts are decrypted with the
 * subject's data key only to compute the HMAC.
 *
 * Online and resumable: batches in key order, each in its own transaction; it
 * holds no state, so a run that stops is simply run again. A tag written
 * concurrently from an older contact shows up stale on the next run.
 *
 * @example
 * await syncLookupTags(node); // { scanned: 1200, tagged: 2350, removed: 0, batches: 3 }
 */
export async function syncLookupTags(node: RegionNode, opts: { batchSize?: number } = {}): Promise<LookupTagSync> {
  const key = node.crossRegion?.lookupKey;
  const out: LookupTagSync = { scanned: 0, tagged: 0, removed: 0, batches: 0 };
  if (!key) return out;
  const batchSize = opts.batchSize ?? 500;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await node.db
      .selectFrom('subjects as s')
      .leftJoin('subject_lookup_tags as e', (j) => j.onRef('e.subject_id', '=', 's.id').on('e.kind', '=', 'email'))
      .leftJoin('subject_lookup_tags as p', (j) => j.onRef('p.subject_id', '=', 's.id').on('p.kind', '=', 'phone'))
      .select(['s.id', 's.email_bidx', 's.phone_bidx', 's.email_ct', 's.phone_ct', 'e.key_id as e_key', 'e.source_bidx as e_src', 'p.key_id as p_key', 'p.source_bidx as p_src'])
      .where('s.id', '>', after)
      .where((eb) =>
        eb.or(
          (['email', 'phone'] as const).flatMap((k) => {
            const t = k === 'email' ? 'e' : 'p';
            return [
              eb.and([eb(`s.${k}_bidx`, 'is not', null), eb.or([eb(`${t}.subject_id`, 'is', null), eb(`${t}.key_id`, '<>', key.id), eb(`${t}.source_bidx`, '<>', eb.ref(`s.${k}_bidx`))])]),
              eb.and([eb(`s.${k}_bidx`, 'is', null), eb(`${t}.subject_id`, 'is not', null)]),
            ];
          }),
        ),
      )
      .orderBy('s.id')
      .limit(batchSize)
      .execute();
    if (!rows.length) break;
    after = rows[rows.length - 1]!.id;
    out.scanned += rows.length;
    out.batches++;
    await node.db.transaction().execute(async (trx) => {
      const keys = await subjectDataKeys(node, trx, rows.map((r) => r.id));
      const sources: TagSource[] = [];
      const gone: { subjectId: string; kind: LookupKind }[] = [];
      for (const r of rows) {
        const dek = keys.get(r.id);
        if (!dek) continue; // erased meanwhile: its tags go with it
        for (const kind of ['email', 'phone'] as const) {
          const bidx = kind === 'email' ? r.email_bidx : r.phone_bidx;
          const ct = kind === 'email' ? r.email_ct : r.phone_ct;
          const [tagKey, tagSrc] = kind === 'email' ? [r.e_key, r.e_src] : [r.p_key, r.p_src];
          if (!bidx || !ct) {
            if (tagKey !== null) gone.push({ subjectId: r.id, kind });
            continue;
          }
          if (tagKey === key.id && bytesEqual(tagSrc, bidx)) continue;
          sources.push({ subjectId: r.id, kind, value: openField(dek, ct, fieldAad('subjects', `${kind}_ct`, r.id)), sourceBidx: bidx });
        }
      }
      out.tagged += await lookupTags.write(trx, key, sources, node.now());
      await lookupTags.remove(trx, gone);
      out.removed += gone.length;
    });
  }
  if (out.tagged || out.removed) node.logger.info({ tagged: out.tagged, removed: out.removed }, 'lookup tags synchronised');
  return out;
}
