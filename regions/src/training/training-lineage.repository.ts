import type { DbOrTrx } from '@meridian/core/db/database.ts';
import type { TrainingLineage } from '../rights/training-lineage.ts';

/** The rounds a set of subjects' data went into, per federation, with no subject in it (what unlearning keeps after an erasure). */
export interface AffectedRoundsOf {
  federation: string;
  rounds: number[];
  messages: number;
  shards: number[];
}

/** Which subjects' messages trained which round: consent withdrawal and erasure trace into models through it. */
export const trainingLineage = {
  /**
   * Records, once per round, how many messages of each subject the round
   * trained on, and each subject's SISA shard (`shards`, see `trainingShards`).
   */
  async record(db: DbOrTrx, federation: string, round: number, subjects: ReadonlyMap<string, number>, at: Date, shards?: ReadonlyMap<string, number>): Promise<void> {
    if (!subjects.size) return;
    await db
      .insertInto('training_lineage')
      .values([...subjects].map(([subject_id, messages]) => ({ federation, round, subject_id, messages, shard: shards?.get(subject_id) ?? null, recorded_at: at })))
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

  /**
   * Per subject and federation, the rounds (with messages and SISA shards) the
   * subject's data went into: what an erasure reads before deleting lineage,
   * and keeps only as a per-request summary without the subject id.
   */
  async affectedBy(db: DbOrTrx, subjectIds: readonly string[]): Promise<Map<string, AffectedRoundsOf[]>> {
    const out = new Map<string, Map<string, { rounds: Set<number>; messages: number; shards: Set<number> }>>();
    if (!subjectIds.length) return new Map();
    const rows = await db.selectFrom('training_lineage').select(['subject_id', 'federation', 'round', 'messages', 'shard']).where('subject_id', 'in', subjectIds).orderBy('federation').orderBy('round').execute();
    for (const r of rows) {
      let bySubject = out.get(r.subject_id);
      if (!bySubject) out.set(r.subject_id, (bySubject = new Map()));
      let f = bySubject.get(r.federation);
      if (!f) bySubject.set(r.federation, (f = { rounds: new Set(), messages: 0, shards: new Set() }));
      f.rounds.add(r.round);
      f.messages += r.messages;
      if (r.shard !== null) f.shards.add(r.shard);
    }
    return new Map(
      [...out].map(([subject, feds]) => [
        subject,
        [...feds].map(([federation, f]) => ({ federation, rounds: [...f.rounds].sort((a, b) => a - b), messages: f.messages, shards: [...f.shards].sort((a, b) => a - b) })),
      ]),
    );
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
