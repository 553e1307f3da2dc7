import { sql } from 'kysely';
import type { DbOrTrx } from '@meridian/core/db/database.ts';
import type { Purpose } from '@meridian/core/catalog/data-class.ts';
import { bulkInsert } from '@meridian/core/db/bulk-insert.ts';

export interface ConsentChange {
  subjectId: string;
  purpose: Purpose;
  granted: boolean;
  source: string;
}

/** Current consent per subject and purpose: the latest history row wins. */
export async function currentConsents(db: DbOrTrx, subjectIds: readonly string[]): Promise<Map<string, boolean>> {
  const out = new Map<string, boolean>();
  if (!subjectIds.length) return out;
  const rows = await db
    .selectFrom('consents')
    .select(['subject_id', 'purpose', 'granted'])
    .distinctOn(['subject_id', 'purpose'])
    .where('subject_id', 'in', subjectIds)
    .orderBy('subject_id')
    .orderBy('purpose')
    .orderBy('id', 'desc')
    .execute();
  for (const r of rows) out.set(`${r.subject_id}:${r.purpose}`, r.granted);
  return out;
}

/**
 * Appends the changes that differ from the current state (history is never
 * rewritten; repeating a statement records nothing). Returns what was recorded.
 * `withoutHistory` names subjects known to have none (created in this transaction).
 */
export async function recordConsentChanges(db: DbOrTrx, changes: readonly ConsentChange[], at: Date, withoutHistory: ReadonlySet<string> = new Set()): Promise<ConsentChange[]> {
  if (!changes.length) return [];
  // Subjects created in the caller's transaction have no history to look up.
  const current = await currentConsents(db, [...new Set(changes.map((c) => c.subjectId))].filter((id) => !withoutHistory.has(id)));
  const effective: ConsentChange[] = [];
  for (const c of changes) {
    const k = `${c.subjectId}:${c.purpose}`;
    if (current.get(k) === c.granted) continue;
    current.set(k, c.granted);
    effective.push(c);
  }
  if (effective.length) {
    await bulkInsert(db, 'consents', effective.map((c) => ({ subject_id: c.subjectId, purpose: c.purpose, granted: c.granted, source: c.source, recorded_at: at })));
  }
  return effective;
}

/** Subjects who currently consent to a purpose (e.g. model_training, for the next round). */
export async function subjectsConsentingTo(db: DbOrTrx, purpose: Purpose): Promise<string[]> {
  const rows = await sql<{ subject_id: string }>`
    select subject_id from (
      select distinct on (subject_id) subject_id, granted from consents
      where purpose = ${purpose} order by subject_id, id desc
    ) latest where granted`.execute(db);
  return rows.rows.map((r) => r.subject_id);
}
