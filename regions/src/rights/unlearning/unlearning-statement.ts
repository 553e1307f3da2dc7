import type { DbOrTrx } from '@meridian/core/db/database.ts';
import type { PrivacySpendStore } from '@meridian/federation/privacy/privacy-spend-store.ts';
import { createRdpAccountant } from '@meridian/federation/privacy/rdp-accountant.ts';
import type { UnlearningOutcome } from '@meridian/federation/unlearning/unlearning-outcome.ts';
import { DEFAULT_UNLEARNING_POLICY, residualDeadline, type UnlearningPolicy } from './unlearning-policy.ts';
import { unlearningQueue } from './unlearning-queue.repository.ts';

/** What was done to one federated model about an erased subject. */
export interface FederationUnlearning {
  federation: string;
  status: 'pending' | 'running' | 'done' | 'not_needed';
  /** Rounds the subject's data went into, and how many messages. */
  rounds: number[];
  messages: number;
  statement: string;
  rolledBackTo?: number;
  retrainedRounds?: number;
  modelHash?: string;
  exactness?: 'exact' | 'resampled';
  scheduledFor?: string;
  /** Until then, at the latest, the model still carries the subject's influence. */
  residualUntil?: string;
  /** What bounds that residual influence meanwhile: subject-level DP of the rounds, or nothing. */
  residualBound?: { kind: 'dp'; epsilon: number; delta: number } | { kind: 'none' };
}

/** The certificate's statement on the models (DESIGN.md §4.3: "The certificate states which was done"). */
export interface ModelUnlearningStatement {
  /** Every model the subject trained has been rolled back and retrained, or needed nothing. */
  performed: boolean;
  status: 'nothing_to_unlearn' | 'pending' | 'done';
  federations: FederationUnlearning[];
  note: string;
}

/**
 * States what model unlearning an erasure request got: per federation the
 * subject's data trained, either "rolled back to round r, retrained n rounds,
 * new model hash h", or "pending" with the scheduled batch and what bounds
 * the residual influence until then: the rounds' subject-level DP ε when
 * every one of them was trained with DP (composed with the RDP accountant
 * from the region's privacy spend), otherwise unbounded.
 *
 * @example
 * const s = await modelUnlearningStatement(node.db, requestId, { region: 'eu', privacySpend });
 * s.federations[0].statement; // 'rolled back intent to round 1, retrained 3 rounds, new model hash 9f…'
 */
export async function modelUnlearningStatement(
  db: DbOrTrx,
  requestId: string,
  opts: { region: string; privacySpend?: PrivacySpendStore; policy?: UnlearningPolicy },
): Promise<ModelUnlearningStatement> {
  const rows = await unlearningQueue.ofRequest(db, requestId);
  if (!rows.length) {
    return {
      performed: true,
      status: 'nothing_to_unlearn',
      federations: [],
      note: "training lineage shows no round used the subject's data when it was erased: no model holds it",
    };
  }
  const runIds = rows.flatMap((r) => (r.run_id ? [r.run_id] : []));
  const runs = runIds.length ? await db.selectFrom('unlearning_runs').select(['id', 'outcome']).where('id', 'in', runIds).execute() : [];
  const outcomeOf = new Map(runs.map((r) => [r.id, r.outcome as UnlearningOutcome | null]));
  const federations: FederationUnlearning[] = [];
  for (const r of rows) {
    const base = { federation: r.federation, status: r.status, rounds: r.rounds, messages: r.messages };
    const outcome = r.run_id ? outcomeOf.get(r.run_id) : null;
    if (r.status === 'done' && outcome?.kind === 'retrained') {
      const how =
        outcome.exactness === 'exact'
          ? 'deterministic training: bit-identical to training without the erased data'
          : 'DP training: fresh noise, a new sample of the same mechanism without the erased data';
      federations.push({
        ...base,
        rolledBackTo: outcome.rolledBackTo,
        retrainedRounds: outcome.retrainedRounds,
        modelHash: outcome.modelHash,
        exactness: outcome.exactness,
        statement: `rolled back ${r.federation} to round ${outcome.rolledBackTo}, retrained ${outcome.retrainedRounds} rounds, new model hash ${outcome.modelHash} (${how})`,
      });
    } else if (r.status === 'not_needed') {
      federations.push({ ...base, statement: `${r.federation}: nothing to unlearn; no aggregated round took this region's update with the subject's data` });
    } else {
      const until = residualDeadline(r.due_at, opts.policy ?? DEFAULT_UNLEARNING_POLICY);
      const bound = await dpBound(opts.privacySpend, opts.region, r.federation, r.rounds);
      const bounded =
        bound.kind === 'dp'
          ? `bounded by subject-level differential privacy of those rounds at ε = ${bound.epsilon.toFixed(3)}, δ = ${bound.delta}`
          : 'NOT bounded (the rounds were trained without differential privacy)';
      federations.push({
        ...base,
        scheduledFor: r.due_at.toISOString(),
        residualUntil: until.toISOString(),
        residualBound: bound,
        statement: `pending: ${r.federation} is rolled back to before round ${r.from_round} (or earlier, for the batch) and retrained in the unlearning batch of ${r.due_at.toISOString()}; until then, at the latest ${until.toISOString()}, the subject's residual influence on the model (rounds ${r.rounds.join(', ')}) is ${bounded}`,
      });
    }
  }
  const settled = federations.every((f) => f.status === 'done' || f.status === 'not_needed');
  return {
    performed: settled,
    status: settled ? 'done' : 'pending',
    federations,
    note: settled
      ? 'every model the subject trained was rolled back to before their first contribution and retrained without them, or needed nothing'
      : 'model unlearning is pending; see each model for the scheduled batch and what bounds the residual influence until then',
  };
}

/** The subject-level (ε, δ) of the rounds, composed, when every one of them was trained with DP in this region. */
async function dpBound(store: PrivacySpendStore | undefined, region: string, federation: string, rounds: readonly number[]): Promise<FederationUnlearning['residualBound'] & object> {
  if (!store) return { kind: 'none' };
  const entries = (await store.load(region, federation)).filter((e) => e.federation === federation && rounds.includes(e.round));
  const covered = new Set(entries.map((e) => e.round));
  if (!rounds.every((r) => covered.has(r)) || !entries.length) return { kind: 'none' };
  const delta = Math.max(...entries.map((e) => e.delta));
  return { kind: 'dp', epsilon: createRdpAccountant().compose(...entries.map((e) => e.event)).epsilon(delta).epsilon, delta };
}
