import { sql } from 'kysely';
import { createHash } from 'node:crypto';
import type { RegionNode } from '../node/region-node.ts';

export interface RetentionReport {
  byJurisdiction: { jurisdiction: string; messagesExpired: number; subjectsExpired: number }[];
  messagesExpired: number;
  subjectsExpired: number;
}

const DAY = 86_400_000;

/**
 * Expires data past its retention, per jurisdiction and data class, as the region
 * profile sets it:
 * - a message (free text) after `free_text` days, or `special_category` days when
 *   it holds special-category content, whichever is shorter;
 * - a subject with no activity for `contact` days goes whole: their data key is
 *   destroyed first (so every copy of their ciphertext is unreadable), then the rows.
 * Each expiry is proven on the ledger in the same transaction.
 *
 * @example
 * const report = await runRetention(node);
 */
export async function runRetention(node: RegionNode): Promise<RetentionReport> {
  const now = node.now().getTime();
  const report: RetentionReport = { byJurisdiction: [], messagesExpired: 0, subjectsExpired: 0 };
  for (const j of node.policy.profile.jurisdictions) {
    const days = j.retentionDays;
    const entry = { jurisdiction: j.code, messagesExpired: 0, subjectsExpired: 0 };
    await node.db.transaction().execute(async (trx) => {
      if (days.free_text !== undefined || days.special_category !== undefined) {
        const ft = days.free_text ?? Number.MAX_SAFE_INTEGER;
        const sc = Math.min(ft, days.special_category ?? ft);
        const deleted = await trx
          .deleteFrom('messages')
          .where('subject_id', 'in', (eb) => eb.selectFrom('subjects').select('id').where('jurisdiction', '=', j.code))
          .where((eb) =>
            eb.or([
              eb('received_at', '<', new Date(now - ft * DAY)),
              eb.and([sql<boolean>`cardinality(special_categories) > 0`, eb('received_at', '<', new Date(now - sc * DAY))]),
            ]),
          )
          .returning('id')
          .execute();
        entry.messagesExpired = deleted.length;
      }
      const contactDays = Math.min(days.contact ?? Infinity, days.direct_identifier ?? Infinity);
      if (Number.isFinite(contactDays)) {
        const stale = await trx
          .selectFrom('subjects')
          .select('id')
          .where('jurisdiction', '=', j.code)
          .where('last_activity_at', '<', new Date(now - contactDays * DAY))
          .execute();
        const ids = stale.map((s) => s.id);
        if (ids.length) {
          await trx.deleteFrom('subject_keys').where('subject_id', 'in', ids).execute();
          await trx.deleteFrom('subjects').where('id', 'in', ids).execute();
          for (const id of ids) node.keys.evict(id);
        }
        entry.subjectsExpired = ids.length;
      }
      if (node.events && (entry.messagesExpired || entry.subjectsExpired)) {
        const at = new Date(now).toISOString();
        await node.events.record(trx, [
          {
            type: 'retention',
            refId: `retention:${j.code}:${at}`,
            payload: createHash('sha256').update(`${j.code}|${at}|${entry.messagesExpired}|${entry.subjectsExpired}`).digest(),
            meta: { jurisdiction: j.code, messages: entry.messagesExpired, subjects: entry.subjectsExpired },
          },
        ]);
      }
    });
    node.metrics.retentionDeleted.inc({ table: 'messages' }, entry.messagesExpired);
    node.metrics.retentionDeleted.inc({ table: 'subjects' }, entry.subjectsExpired);
    report.byJurisdiction.push(entry);
    report.messagesExpired += entry.messagesExpired;
    report.subjectsExpired += entry.subjectsExpired;
  }
  if (report.messagesExpired || report.subjectsExpired) node.logger.info(report, 'retention expired data');
  return report;
}
