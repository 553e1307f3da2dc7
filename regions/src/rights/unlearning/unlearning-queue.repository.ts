import { randomUUID } from 'node:crypto';
import type { Insertable, Selectable, Transaction } from 'kysely';
import type { Database, DbOrTrx } from '@meridian/core/db/database.ts';
import type { UnlearningRequestsTable, UnlearningRunsTable } from '@meridian/core/db/schema/unlearning.table.ts';
import { trainingLineage } from '../../training/training-lineage.repository.ts';
import { DEFAULT_UNLEARNING_POLICY, nextUnlearningBatch, type UnlearningPolicy } from './unlearning-policy.ts';

export type UnlearningRequestRow = Selectable<UnlearningRequestsTable>;
export type UnlearningRunRow = Selectable<UnlearningRunsTable>;

/**
 * The durable unlearning queue: `unlearning_requests` (what each erasure owes,
 * non-personal) and `unlearning_runs` (one batched rollback-and-retrain per
 * federation). Claims use `FOR UPDATE SKIP LOCKED` in short transactions; a
 * claimed run is leased (its `run_after` pushed ahead) rather than locked,
 * because the retrain outlasts any transaction and reads the node's database.
 *
 * @example
 * const owed = await unlearningQueue.enqueueFromLineage(trx, [{ requestId, subjectId }], now);
 */
export const unlearningQueue = {
  /**
   * Reads the subjects' lineage (before the erasure deletes it) and queues,
   * per request and federation, the rounds it used: no subject id is kept.
   * Returns per subject the number of rounds owed. Idempotent.
   */
  async enqueueFromLineage(
    trx: DbOrTrx,
    jobs: readonly { requestId: string; subjectId: string }[],
    now: Date,
    policy: UnlearningPolicy = DEFAULT_UNLEARNING_POLICY,
  ): Promise<Map<string, number>> {
    const owed = new Map<string, number>();
    const due = nextUnlearningBatch(now, policy);
    const rows: Insertable<UnlearningRequestsTable>[] = [];
    const bySubject = await trainingLineage.affectedBy(trx, jobs.map((j) => j.subjectId));
    for (const j of jobs) {
      const affected = bySubject.get(j.subjectId) ?? [];
      owed.set(j.subjectId, affected.reduce((n, a) => n + a.rounds.length, 0));
      for (const a of affected) {
        rows.push({
          request_id: j.requestId,
          federation: a.federation,
          from_round: a.rounds[0] as number,
          rounds: JSON.stringify(a.rounds),
          messages: a.messages,
          shards: JSON.stringify(a.shards),
          status: 'pending',
          run_id: null,
          enqueued_at: now,
          due_at: due,
        });
      }
    }
    if (rows.length) await trx.insertInto('unlearning_requests').values(rows).onConflict((oc) => oc.columns(['request_id', 'federation']).doNothing()).execute();
    return owed;
  },

  /** What a request owes, per federation. */
  ofRequest(db: DbOrTrx, requestId: string): Promise<UnlearningRequestRow[]> {
    return db.selectFrom('unlearning_requests').selectAll().where('request_id', '=', requestId).orderBy('federation').execute();
  },

  /**
   * Puts every pending request due by `dueBy` (all of them when null) into one
   * new run per federation, leased to the caller until `leaseUntil`.
   */
  async planRuns(trx: Transaction<Database>, now: Date, dueBy: Date | null, leaseUntil: Date): Promise<UnlearningRunRow[]> {
    let q = trx.selectFrom('unlearning_requests').select(['request_id', 'federation', 'from_round']).where('status', '=', 'pending');
    if (dueBy) q = q.where('due_at', '<=', dueBy);
    const pending = await q.orderBy('federation').orderBy('request_id').forUpdate().skipLocked().execute();
    const byFederation = new Map<string, typeof pending>();
    for (const p of pending) byFederation.set(p.federation, [...(byFederation.get(p.federation) ?? []), p]);
    const runs: UnlearningRunRow[] = [];
    for (const [federation, reqs] of byFederation) {
      const run = await trx
        .insertInto('unlearning_runs')
        .values({
          id: randomUUID(),
          federation,
          step: 'retrain',
          from_round: Math.min(...reqs.map((r) => r.from_round)),
          requests: reqs.length,
          outcome: null,
          attempts: 0,
          last_error: null,
          run_after: leaseUntil,
          created_at: now,
          finished_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('unlearning_requests')
        .set({ status: 'running', run_id: run.id })
        .where('federation', '=', federation)
        .where('request_id', 'in', reqs.map((r) => r.request_id))
        .where('status', '=', 'pending')
        .execute();
      runs.push(run);
    }
    return runs;
  },

  /** Leases unfinished runs whose lease ran out (a worker crashed) or whose back-off is over. */
  async claimStale(trx: Transaction<Database>, now: Date, leaseUntil: Date): Promise<UnlearningRunRow[]> {
    const stale = await trx.selectFrom('unlearning_runs').selectAll().where('step', '=', 'retrain').where('run_after', '<=', now).orderBy('created_at').forUpdate().skipLocked().execute();
    if (stale.length) await trx.updateTable('unlearning_runs').set({ run_after: leaseUntil }).where('id', 'in', stale.map((r) => r.id)).execute();
    return stale.map((r) => ({ ...r, run_after: leaseUntil }));
  },

  /** The requests a run covers. */
  covered(db: DbOrTrx, runId: string): Promise<UnlearningRequestRow[]> {
    return db.selectFrom('unlearning_requests').selectAll().where('run_id', '=', runId).orderBy('request_id').execute();
  },

  /** Locks a run for its finishing transaction; undefined when another worker finished it. */
  lockUnfinished(trx: Transaction<Database>, runId: string): Promise<UnlearningRunRow | undefined> {
    return trx.selectFrom('unlearning_runs').selectAll().where('id', '=', runId).where('step', '=', 'retrain').forUpdate().executeTakeFirst();
  },

  async finish(trx: Transaction<Database>, runId: string, outcome: Record<string, unknown>, requestStatus: 'done' | 'not_needed', at: Date): Promise<void> {
    await trx.updateTable('unlearning_runs').set({ step: 'done', outcome: JSON.stringify(outcome), finished_at: at }).where('id', '=', runId).execute();
    await trx.updateTable('unlearning_requests').set({ status: requestStatus }).where('run_id', '=', runId).execute();
  },

  /** Backs a failed run off (exponentially, capped at 10 minutes) with the error code only. */
  async fail(db: DbOrTrx, runId: string, code: string, now: Date): Promise<void> {
    const r = await db.selectFrom('unlearning_runs').select('attempts').where('id', '=', runId).where('step', '=', 'retrain').executeTakeFirst();
    if (!r) return;
    const delay = Math.min(600_000, 1_000 * 2 ** r.attempts);
    await db.updateTable('unlearning_runs').set({ attempts: r.attempts + 1, last_error: code, run_after: new Date(now.getTime() + delay) }).where('id', '=', runId).execute();
  },

  async pending(db: DbOrTrx): Promise<number> {
    const r = await db.selectFrom('unlearning_requests').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'in', ['pending', 'running']).executeTakeFirstOrThrow();
    return Number(r.n);
  },
};
