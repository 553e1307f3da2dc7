import { sql, type Transaction } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';
import { ledgerSalts } from '@meridian/audit/ledger/ledger-salts.repository.ts';
import type { RegionNode } from '../node/region-node.ts';
import type { ErasureAction, ErasurePlan } from './erasure-plan.ts';
import { tombstoneDigests } from './tombstone-digests.ts';
import { unlearningQueue } from './unlearning/unlearning-queue.repository.ts';

/** Per subject: rows deleted per table, salts forgotten, key destroyed. Counts only, nothing personal. */
export type ErasureCounts = Record<string, number>;

/** The action kinds this executor carries out; the plan test checks every catalogued column lands on one. */
export const EXECUTED_ACTIONS: readonly ErasureAction['kind'][] = ['destroy_key', 'delete_rows', 'forget_salts', 'finish_job', 'keep_unlinked', 'none'];

/**
 * Carries out an erasure plan for a batch of subjects, one step per call, in
 * the caller's transaction (which also moves the queue to the next step, so a
 * step's effects and its progress commit together). Every step is idempotent:
 * replayed after a crash it finds nothing left to do and changes nothing.
 *
 * @example
 * await erasureExecutor.destroyKeys(node, trx, plan, [{ requestId, subjectId }]);
 */
export const erasureExecutor = {
  /**
   * Step 1: destroy the data keys (the first write of the erasure), then write
   * the tombstones that a restore replays. Written here, before any row goes,
   * so a backup restored mid-erasure is already covered.
   */
  async destroyKeys(node: RegionNode, trx: Transaction<Database>, plan: ErasurePlan, jobs: readonly { requestId: string; subjectId: string }[]): Promise<Map<string, ErasureCounts>> {
    const out = new Map<string, ErasureCounts>();
    if (!jobs.length) return out;
    const ids = jobs.map((j) => j.subjectId);
    for (const id of ids) node.keys.evict(id);
    // Lineage goes with the rows in the next step: what the models owe is read now and kept without the subject.
    const owed = await unlearningQueue.enqueueFromLineage(trx, jobs, node.now());
    for (const a of plan.actions) {
      if (a.kind !== 'destroy_key') continue;
      const deleted = await sql<{ s: string }>`delete from ${sql.table(a.table)} where ${sql.ref(a.column)} in (${sql.join(ids)}) returning ${sql.ref(a.column)}::text as s`.execute(trx);
      const gone = new Set(deleted.rows.map((r) => r.s));
      for (const j of jobs) out.set(j.subjectId, { key_destroyed: gone.has(j.subjectId) ? 1 : 0, training_rounds: owed.get(j.subjectId) ?? 0 });
    }
    const refs = await trx.selectFrom('subjects').select(['id', 'external_ref_bidx']).where('id', 'in', ids).execute();
    const refOf = new Map(refs.map((r) => [r.id, r.external_ref_bidx]));
    const now = node.now();
    const stones = jobs.flatMap((j) => tombstoneDigests(node.keyring.blindIndexKey, j.subjectId, refOf.get(j.subjectId) ?? null).map((digest) => ({ digest, request_id: j.requestId, erased_at: now })));
    if (stones.length) await trx.insertInto('erasure_tombstones').values(stones).onConflict((oc) => oc.column('digest').doNothing()).execute();
    return out;
  },

  /** Step 2: delete every row about the subjects, children before parents, `subjects` last. */
  async deleteRows(trx: Transaction<Database>, plan: ErasurePlan, subjectIds: readonly string[]): Promise<Map<string, ErasureCounts>> {
    const out = new Map<string, ErasureCounts>(subjectIds.map((id) => [id, {}]));
    if (!subjectIds.length) return out;
    const ids = sql.join(subjectIds);
    for (const a of plan.actions) {
      if (a.kind !== 'delete_rows') continue;
      const q = a.via
        ? sql<{ s: string }>`delete from ${sql.table(a.table)} t using ${sql.table(a.via.table)} p
            where t.${sql.ref(a.column)} = p.id and p.${sql.ref(a.via.column)} in (${ids}) returning p.${sql.ref(a.via.column)}::text as s`
        : sql<{ s: string }>`delete from ${sql.table(a.table)} where ${sql.ref(a.column)} in (${ids}) returning ${sql.ref(a.column)}::text as s`;
      const rows = (await q.execute(trx)).rows;
      for (const r of rows) {
        const c = out.get(r.s);
        if (c) c[a.table] = (c[a.table] ?? 0) + 1;
      }
    }
    return out;
  },

  /** Step 3: forget the subjects' ledger salts, which makes their leaves unlinkable. */
  async forgetSalts(trx: Transaction<Database>, subjectIds: readonly string[]): Promise<Map<string, ErasureCounts>> {
    const out = new Map<string, ErasureCounts>();
    for (const id of subjectIds) out.set(id, { ledger_salts: await ledgerSalts.forgetSubject(trx, id) });
    return out;
  },
};
