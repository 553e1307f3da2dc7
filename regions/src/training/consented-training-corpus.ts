import { sql } from 'kysely';
import { openField } from '@meridian/core/crypto/field-cipher.ts';
import type { RegionNode } from '../node/region-node.ts';
import { fieldAad } from '../subjects/subject.repository.ts';
import { subjectDataKeys } from '../subjects/subject-data-keys.ts';

export interface CorpusExample {
  text: string;
  label: string;
  subjectId: string;
  messageId: string;
}

/**
 * The labelled messages a region may train `task` on right now: only from
 * subjects whose latest `model_training` consent is a grant, only messages no
 * special-category rule restricted, decrypted in memory for the local trainer.
 * Nothing here leaves the node; only the trained update does.
 *
 * With `round`, the corpus that round trained on, as it stands now (what an
 * unlearning replay trains on): only subjects its lineage lists, only
 * messages received by the time it was recorded, and only what is still
 * here and still consented, so erased and withdrawn data is absent.
 *
 * @example
 * const examples = await consentedTrainingCorpus(node, 'intent');
 * const replay = await consentedTrainingCorpus(node, 'intent', 100_000, { federation: 'intent', round: 3 });
 */
export async function consentedTrainingCorpus(node: RegionNode, task: string, limit = 100_000, round?: { federation: string; round: number }): Promise<CorpusExample[]> {
  const rows = await sql<{ message_id: string; subject_id: string; label: string; body_ct: Uint8Array }>`
    select m.id as message_id, m.subject_id, l.label, m.body_ct
    from message_labels l
    join messages m on m.id = l.message_id
    join (
      select distinct on (subject_id) subject_id, granted from consents
      where purpose = 'model_training' order by subject_id, id desc
    ) c on c.subject_id = m.subject_id and c.granted
    ${
      round
        ? sql`join (
            select subject_id, max(recorded_at) as recorded_at from training_lineage
            where federation = ${round.federation} and round = ${round.round} group by subject_id
          ) tl on tl.subject_id = m.subject_id and m.received_at <= tl.recorded_at`
        : sql``
    }
    where l.task = ${task} and m.training_allowed
    order by m.id
    limit ${limit}`.execute(node.db);
  const keys = await subjectDataKeys(node, node.db, rows.rows.map((r) => r.subject_id));
  // A subject erased since the query has no key left: their messages are skipped, not read.
  return rows.rows.flatMap((r) => {
    const dek = keys.get(r.subject_id);
    return dek ? [{ text: openField(dek, r.body_ct, fieldAad('messages', 'body_ct', r.subject_id, r.message_id)), label: r.label, subjectId: r.subject_id, messageId: r.message_id }] : [];
  });
}
