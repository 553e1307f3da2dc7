import type { DbOrTrx } from '@meridian/core/db/database.ts';
import type { TrainingLineage } from '../rights/training-lineage.ts';

/** Which subjects' messages trained which round: consent withdrawal and erasure trace into models through it. */
export const trainingLineage = {
  /** Records, once per round, how many messages of each subject the round trained on. */
  async record(db: DbOrTrx, federation: string, round: number, subjects: ReadonlyMap<string, number>, at: Date): Promise<void> {
    if (!subjects.size) return;
    await db
      .insertInto('training_lineage')
      .values([...subjects].map(([subject_id, messages]) => ({ federation, round, subject_id, messages, recorded_at: at })))
      .onConflict((oc) => oc.columns(['federation', 'round', 'subject_id']).doNothing())
      .execute();
  },

  /** The rounds a subject's data went into, per model. */
  async roundsOf(db: DbOrTrx, subjectId: string): Promise<{ federation: string; round: number; messages: number }[]> {
    return db.selectFrom('training_lineage').select(['federation', 'round', 'messages']).where('subject_id', '=', subjectId).orderBy('federation').orderBy('round').execute();
  },

  /** The subjects a round trained on. */
  async subjectsOf(db: DbOrTrx, federation: string, round: number): Promise<string[]> {
    return (await db.selectFrom('training_lineage').select('subject_id').where('federation', '=', federation).where('round', '=', round).orderBy('subject_id').execute()).map((r) => r.subject_id);
  },
};

/**
 * The node's lineage as the rights module reads it (access reports, certificates).
 *
 * @example
 * const report = await buildAccessReport(node, requestId, { lineage: databaseTrainingLineage(node.db) });
 */
export function databaseTrainingLineage(db: DbOrTrx): TrainingLineage {
  return { available: true, roundsOf: (subjectId) => trainingLineage.roundsOf(db, subjectId) };
}
