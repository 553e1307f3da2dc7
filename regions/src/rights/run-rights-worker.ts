import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';
import { CATALOG } from '@meridian/core/catalog/catalog.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { RegionNode } from '../node/region-node.ts';
import type { NodeEvent } from '../node/event-recorder.ts';
import { planErasure, type ErasurePlan } from './erasure-plan.ts';
import { erasureExecutor, type ErasureCounts } from './erasure-executor.ts';
import { applyRightsRequest } from './apply-rights-request.ts';
import { rightsQueue, type RightsJob } from './rights-queue.repository.ts';
import { requestEvent } from './rights-request.repository.ts';
import { rightsMetrics } from './rights-metrics.ts';
import type { RightsRequestType } from './rights-request-type.ts';

/** The steps of an erasure job, in order; every other kind has one step, `apply`. */
export const ERASURE_STEPS = ['destroy_key', 'delete_rows', 'forget_salts', 'finish'] as const;

const LEDGER_TYPE: Record<RightsRequestType, NodeEvent['type']> = {
  erasure: 'erasure',
  access: 'access',
  // The node's EventRecorder has no rectification/restriction types yet (the ledger has): proven as rights_request events with meta.kind.
  rectification: 'rights_request',
  restriction: 'rights_request',
  objection: 'consent',
  opt_out_sale: 'consent',
};

export interface WorkerOptions {
  /** Jobs claimed per transaction (one step each). */
  batchSize?: number;
  /** Stop after this many transactions (tests); default: until no job is due. */
  maxBatches?: number;
  /** The plan to execute; default: planned from the catalog. */
  plan?: ErasurePlan;
}

export interface WorkerReport {
  batches: number;
  steps: number;
  completed: number;
  failed: number;
}

async function mergeOutcome(trx: Transaction<Database>, counts: Map<string, ErasureCounts>, subjectToRequest: Map<string, string>): Promise<void> {
  for (const [subjectId, c] of counts) {
    const requestId = subjectToRequest.get(subjectId);
    if (!requestId || !Object.keys(c).length) continue;
    await sql`update rights_requests set outcome = coalesce(outcome, '{}'::jsonb) || ${JSON.stringify(c)}::jsonb where id = ${requestId}`.execute(trx);
  }
}

/**
 * Runs one step of each claimed job in one transaction. Steps are idempotent
 * and commit with the move to the next step, so a crash anywhere loses at most
 * the uncommitted step, which the next claim redoes. The last step completes
 * the request, proves it on the ledger and deletes the job, all in one
 * transaction: a request completes, and is proven, exactly once.
 */
async function runBatch(node: RegionNode, trx: Transaction<Database>, plan: ErasurePlan, jobs: readonly RightsJob[]): Promise<{ completed: { requestId: string; kind: RightsRequestType; seconds: number }[] }> {
  const now = node.now();
  const completed: { requestId: string; kind: RightsRequestType; seconds: number }[] = [];
  // A job whose request is no longer approved/executing (denied, or completed before a restore) is dropped, never re-run.
  const requests = await trx.selectFrom('rights_requests').select(['id', 'status', 'received_at']).where('id', 'in', jobs.map((j) => j.request_id)).execute();
  const byId = new Map(requests.map((r) => [r.id, r]));
  const stale = jobs.filter((j) => !['approved', 'executing'].includes(byId.get(j.request_id)?.status ?? ''));
  await rightsQueue.remove(trx, stale.map((j) => j.request_id));
  const live = jobs.filter((j) => !stale.includes(j));
  const starting = live.filter((j) => byId.get(j.request_id)!.status === 'approved').map((j) => j.request_id);
  if (starting.length) await trx.updateTable('rights_requests').set({ status: 'executing', executing_at: now }).where('id', 'in', starting).where('status', '=', 'approved').execute();

  const at = (step: string) => live.filter((j) => j.kind === 'erasure' && j.step === step && j.subject_id);
  const subjectToRequest = new Map(live.filter((j) => j.subject_id).map((j) => [j.subject_id!, j.request_id]));
  const ids = (js: RightsJob[]) => js.map((j) => j.subject_id!);

  const k = at('destroy_key');
  if (k.length) {
    await mergeOutcome(trx, await erasureExecutor.destroyKeys(node, trx, plan, k.map((j) => ({ requestId: j.request_id, subjectId: j.subject_id! }))), subjectToRequest);
    await rightsQueue.advance(trx, k.map((j) => j.request_id), 'delete_rows', now);
  }
  const d = at('delete_rows');
  if (d.length) {
    await mergeOutcome(trx, await erasureExecutor.deleteRows(trx, plan, ids(d)), subjectToRequest);
    await rightsQueue.advance(trx, d.map((j) => j.request_id), 'forget_salts', now);
  }
  const s = at('forget_salts');
  if (s.length) {
    await mergeOutcome(trx, await erasureExecutor.forgetSalts(trx, ids(s)), subjectToRequest);
    await rightsQueue.advance(trx, s.map((j) => j.request_id), 'finish', now);
  }

  const finishing: { job: RightsJob; outcome: Record<string, number> }[] = at('finish').map((job) => ({ job, outcome: {} }));
  for (const job of live.filter((j) => j.step === 'apply')) {
    const outcome = job.subject_id ? await applyRightsRequest(node, trx, { requestId: job.request_id, kind: job.kind as Exclude<RightsRequestType, 'erasure'>, subjectId: job.subject_id }) : { subject_found: 0 };
    await mergeOutcome(trx, new Map([[job.subject_id ?? '', outcome]]), new Map([[job.subject_id ?? '', job.request_id]]));
    finishing.push({ job, outcome });
  }
  if (finishing.length) {
    const reqIds = finishing.map((f) => f.job.request_id);
    const outcomes = await trx.selectFrom('rights_requests').select(['id', 'outcome']).where('id', 'in', reqIds).execute();
    const outcomeOf = new Map(outcomes.map((o) => [o.id, (o.outcome ?? {}) as Record<string, number>]));
    const events = finishing.map(({ job }) => {
      const o = outcomeOf.get(job.request_id) ?? {};
      const rows = Object.entries(o).filter(([t]) => t in CATALOG && t !== 'ledger_salts').reduce((n, [, v]) => n + Number(v), 0);
      const meta: Record<string, string | number> = job.kind === 'erasure' ? { action: 'completed', kind: job.kind, rows, salts: Number(o.ledger_salts ?? 0), keyDestroyed: Number(o.key_destroyed ?? 0) } : { action: 'completed', kind: job.kind };
      return { ...requestEvent(LEDGER_TYPE[job.kind], job.request_id, now, meta), payload: createHash('sha256').update(JSON.stringify({ requestId: job.request_id, kind: job.kind, at: now.toISOString(), outcome: o })).digest() };
    });
    await trx.updateTable('rights_requests').set({ status: 'completed', completed_at: now }).where('id', 'in', reqIds).where('status', '=', 'executing').execute();
    if (node.events) await node.events.record(trx, events);
    await rightsQueue.remove(trx, reqIds);
    for (const f of finishing) completed.push({ requestId: f.job.request_id, kind: f.job.kind, seconds: (now.getTime() - byId.get(f.job.request_id)!.received_at.getTime()) / 1000 });
  }
  return { completed };
}

/**
 * Drains the rights queue: claims due jobs (`FOR UPDATE SKIP LOCKED`, so any
 * number of workers and processes can run side by side) and runs one step of
 * each per transaction until none is due. A failed batch is rolled back and its
 * jobs backed off with the error code; the worker carries on with other jobs.
 *
 * @example
 * const report = await runRightsWorker(node); // { batches, steps, completed, failed }
 */
export async function runRightsWorker(node: RegionNode, opts: WorkerOptions = {}): Promise<WorkerReport> {
  const plan = opts.plan ?? planErasure(CATALOG);
  const batchSize = opts.batchSize ?? 100;
  const metrics = rightsMetrics(node.metrics.registry);
  const report: WorkerReport = { batches: 0, steps: 0, completed: 0, failed: 0 };
  const failedIds = new Set<string>();
  while (opts.maxBatches === undefined || report.batches < opts.maxBatches) {
    let claimed: RightsJob[] = [];
    const started = performance.now();
    try {
      const r = await node.db.transaction().execute(async (trx) => {
        claimed = (await rightsQueue.claim(trx, node.now(), batchSize + failedIds.size)).filter((j) => !failedIds.has(j.request_id)).slice(0, batchSize);
        if (!claimed.length) return undefined;
        return runBatch(node, trx, plan, claimed);
      });
      if (!r) break;
      report.batches++;
      report.steps += claimed.length;
      metrics.erasureSeconds.observe({ step: claimed[0]!.step }, (performance.now() - started) / 1000);
      for (const c of r.completed) {
        report.completed++;
        metrics.closed.inc({ type: c.kind, outcome: 'completed' });
      }
      // Keys were deleted in committed transactions: drop any copy this process still caches.
      for (const j of claimed) if (j.subject_id && j.kind === 'erasure') node.keys.evict(j.subject_id);
    } catch (e) {
      if (!claimed.length) throw e;
      const code = e instanceof MeridianError ? e.code : 'INTERNAL';
      report.failed += claimed.length;
      for (const j of claimed) failedIds.add(j.request_id);
      await rightsQueue.fail(node.db, claimed.map((j) => j.request_id), code, node.now());
      node.logger.error({ code, jobs: claimed.length, step: claimed[0]?.step }, 'rights worker batch failed; backed off');
    }
  }
  return report;
}
