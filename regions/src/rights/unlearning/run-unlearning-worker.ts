import { createHash } from 'node:crypto';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { UnlearningOutcome } from '@meridian/federation/unlearning/unlearning-outcome.ts';
import type { RegionNode } from '../../node/region-node.ts';
import type { NodeEvent } from '../../node/event-recorder.ts';
import { requestEvent } from '../rights-request.repository.ts';
import type { FederationRetrainer } from './federation-retrainer.ts';
import { unlearningQueue, type UnlearningRunRow } from './unlearning-queue.repository.ts';
import { unlearningMetrics } from './unlearning-metrics.ts';
import { DEFAULT_UNLEARNING_POLICY, residualDeadline, type UnlearningPolicy } from './unlearning-policy.ts';

export interface UnlearningWorkerOptions {
  /** Who rolls back and retrains; without one nothing runs and requests stay pending (the certificate says so). */
  retrainer?: FederationRetrainer;
  /** Take every pending request now instead of those whose nightly batch is due (an operator's "unlearn now"). */
  ignoreSchedule?: boolean;
  /** How long a claimed run is this worker's before another may resume it (default 30 minutes). */
  leaseMs?: number;
  /** For the overdue gauge (default: nightly, 6-hour retrain allowance). */
  policy?: UnlearningPolicy;
}

export interface UnlearningWorkerReport {
  runs: number;
  retrained: number;
  notNeeded: number;
  failed: number;
  /** Requests covered by the runs that finished now. */
  requests: number;
}

/**
 * Runs the unlearning queue once: groups the due erasures' requests into one
 * run per federation (one retrain for the whole batch), resumes runs a
 * crashed worker left (after their lease), asks the retrainer for each, and
 * finishes each run in one transaction: its outcome, its requests' status and
 * one ledger event per request (`erasure`, `action: unlearned`, refId = the
 * request), guarded by the run's step, so a run finishes, and is proven,
 * exactly once. The retrainer is idempotent per run id, so a crash during
 * or after it repeats no work that committed.
 *
 * @example
 * await runUnlearningWorker(node, { retrainer: createInProcessRetrainer({ ... }) });
 */
export async function runUnlearningWorker(node: RegionNode, opts: UnlearningWorkerOptions = {}): Promise<UnlearningWorkerReport> {
  const report: UnlearningWorkerReport = { runs: 0, retrained: 0, notNeeded: 0, failed: 0, requests: 0 };
  const retrainer = opts.retrainer;
  const metrics = unlearningMetrics(node.metrics.registry);
  if (!retrainer) {
    await updateGauges(node, metrics, opts.policy ?? DEFAULT_UNLEARNING_POLICY);
    return report;
  }
  const now = node.now();
  const leaseUntil = new Date(now.getTime() + (opts.leaseMs ?? 30 * 60_000));
  const runs: UnlearningRunRow[] = await node.db.transaction().execute(async (trx) => [
    ...(await unlearningQueue.claimStale(trx, now, leaseUntil)),
    ...(await unlearningQueue.planRuns(trx, now, opts.ignoreSchedule ? null : now, leaseUntil)),
  ]);
  for (const run of runs) {
    report.runs++;
    try {
      const covered = await unlearningQueue.covered(node.db, run.id);
      const rounds = [...new Set(covered.flatMap((r) => r.rounds))].sort((a, b) => a - b);
      const outcome = await retrainer.retrain({ runId: run.id, federation: run.federation, affected: [{ region: node.region, rounds }] });
      const finished = await node.db.transaction().execute(async (trx) => {
        if (!(await unlearningQueue.lockUnfinished(trx, run.id))) return false;
        const at = node.now();
        await unlearningQueue.finish(trx, run.id, outcome as unknown as Record<string, unknown>, outcome.kind === 'retrained' ? 'done' : 'not_needed', at);
        if (node.events) await node.events.record(trx, covered.map((r) => unlearningEvent(r.request_id, outcome, at)));
        return true;
      });
      if (!finished) continue;
      report.requests += covered.length;
      if (outcome.kind === 'retrained') report.retrained++;
      else report.notNeeded++;
      metrics.runs.inc({ outcome: outcome.kind });
      node.logger.info({ federation: run.federation, requests: covered.length, outcome: outcome.kind, ...(outcome.kind === 'retrained' ? { rolledBackTo: outcome.rolledBackTo, retrainedRounds: outcome.retrainedRounds } : {}) }, 'unlearning run finished');
    } catch (e) {
      const code = e instanceof MeridianError ? e.code : 'INTERNAL';
      const reason = e instanceof MeridianError && typeof e.evidence?.reason === 'string' ? e.evidence.reason : undefined;
      report.failed++;
      metrics.runs.inc({ outcome: 'failed' });
      await unlearningQueue.fail(node.db, run.id, reason ? `${code}:${reason}` : code, node.now());
      node.logger.error({ code, reason, federation: run.federation }, 'unlearning run failed; backed off');
    }
  }
  await updateGauges(node, metrics, opts.policy ?? DEFAULT_UNLEARNING_POLICY);
  return report;
}

async function updateGauges(node: RegionNode, metrics: ReturnType<typeof unlearningMetrics>, policy: UnlearningPolicy): Promise<void> {
  const open = await node.db.selectFrom('unlearning_requests').select(['federation', 'due_at']).where('status', 'in', ['pending', 'running']).execute();
  metrics.pending.reset();
  for (const f of new Set(open.map((r) => r.federation))) metrics.pending.set({ federation: f }, open.filter((r) => r.federation === f).length);
  const now = node.now().getTime();
  metrics.overdue.set(open.filter((r) => residualDeadline(r.due_at, policy).getTime() < now).length);
}

function unlearningEvent(requestId: string, outcome: UnlearningOutcome, at: Date): NodeEvent {
  const meta: Record<string, string | number> =
    outcome.kind === 'retrained'
      ? { action: 'unlearned', federation: outcome.federation, rolledBackTo: outcome.rolledBackTo, retrainedRounds: outcome.retrainedRounds, modelOut: outcome.modelHash, exactness: outcome.exactness }
      : { action: 'unlearning_not_needed', federation: outcome.federation, reason: outcome.reason };
  return { ...requestEvent('erasure', requestId, at, meta), payload: createHash('sha256').update(JSON.stringify({ requestId, at: at.toISOString(), outcome })).digest() };
}
