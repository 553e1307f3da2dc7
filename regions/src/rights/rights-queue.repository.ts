import type { Transaction } from 'kysely';
import type { Database, DbOrTrx } from '@meridian/core/db/database.ts';
import type { RightsRequestType } from './rights-request-type.ts';

export interface RightsJob {
  request_id: string;
  kind: RightsRequestType;
  step: string;
  subject_id: string | null;
  attempts: number;
}

/** The first step of each kind of job (see `run-rights-worker.ts` for the rest). */
export const FIRST_STEP: Record<RightsRequestType, string> = {
  erasure: 'destroy_key',
  access: 'apply',
  rectification: 'apply',
  restriction: 'apply',
  objection: 'apply',
  opt_out_sale: 'apply',
};

/**
 * The durable execution queue in Postgres. Workers claim due jobs with
 * `FOR UPDATE SKIP LOCKED` inside the transaction that runs their next step, so
 * a step and the move to the following one commit together, and two workers
 * never run the same job at once (PGlite has one connection and accepts the
 * same SQL).
 *
 * @example
 * await rightsQueue.enqueue(trx, { requestId, kind: 'erasure', subjectId, at: now });
 * const jobs = await rightsQueue.claim(trx, now, 100);
 */
export const rightsQueue = {
  async enqueue(trx: DbOrTrx, job: { requestId: string; kind: RightsRequestType; subjectId: string | null; at: Date }): Promise<void> {
    await trx
      .insertInto('rights_jobs')
      .values({ request_id: job.requestId, kind: job.kind, step: FIRST_STEP[job.kind], subject_id: job.subjectId, last_error: null, run_after: job.at, created_at: job.at, updated_at: job.at })
      .onConflict((oc) => oc.column('request_id').doNothing())
      .execute();
  },

  async claim(trx: Transaction<Database>, now: Date, limit: number): Promise<RightsJob[]> {
    const rows = await trx
      .selectFrom('rights_jobs')
      .select(['request_id', 'kind', 'step', 'subject_id', 'attempts'])
      .where('run_after', '<=', now)
      .orderBy('created_at')
      .orderBy('request_id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    return rows as RightsJob[];
  },

  async advance(trx: DbOrTrx, requestIds: readonly string[], step: string, now: Date): Promise<void> {
    if (requestIds.length) await trx.updateTable('rights_jobs').set({ step, updated_at: now }).where('request_id', 'in', requestIds).execute();
  },

  async remove(trx: DbOrTrx, requestIds: readonly string[]): Promise<void> {
    if (requestIds.length) await trx.deleteFrom('rights_jobs').where('request_id', 'in', requestIds).execute();
  },

  /** Backs a failed batch off (exponentially, capped at 10 minutes) with the error code, never a message that could hold data. */
  async fail(db: DbOrTrx, requestIds: readonly string[], code: string, now: Date): Promise<void> {
    for (const id of requestIds) {
      const j = await db.selectFrom('rights_jobs').select('attempts').where('request_id', '=', id).executeTakeFirst();
      if (!j) continue;
      const delay = Math.min(600_000, 1_000 * 2 ** j.attempts);
      await db.updateTable('rights_jobs').set({ attempts: j.attempts + 1, last_error: code, run_after: new Date(now.getTime() + delay), updated_at: now }).where('request_id', '=', id).execute();
    }
  },

  async pending(db: DbOrTrx): Promise<number> {
    const r = await db.selectFrom('rights_jobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  },
};
