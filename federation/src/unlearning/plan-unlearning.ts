import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { HistoricRound } from './historic-round.ts';

/** The rounds one region's erased data trained (from its lineage, read before the erasure deleted it). */
export interface AffectedRounds {
  region: string;
  rounds: readonly number[];
}

export interface UnlearningPlanInput {
  /** The federation's effective history, every round, in order. */
  history: readonly HistoricRound[];
  affected: readonly AffectedRounds[];
  /** The coordinator's checkpoint: the last committed round and the model after it. */
  checkpoint: { round: number; modelHash: string };
  /** Whether the strategy keeps server state between rounds (FedAdam's moments). */
  statefulStrategy: boolean;
}

export type UnlearningPlan =
  /** No aggregated round holds the data: the region's update was not aggregated, or the round failed. */
  | { kind: 'not_needed'; reason: 'no_aggregated_round' }
  /** A round is not closed: its fit phase (outcome not settled) or its evaluation (a restarted coordinator resumes it with its model) is running. */
  | { kind: 'wait'; reason: 'round_in_progress'; round: number }
  | {
      kind: 'rollback';
      /** Rounds whose aggregate really used the erased data. */
      affectedRounds: number[];
      /** The round whose output model the replay starts from (0: the initial model). */
      rolledBackTo: number;
      /** That model's hash: the checkpoint taken before the first contribution. */
      startModel: string;
      /** Rounds to re-run, first affected round to the checkpoint's round. */
      replay: HistoricRound[];
      toRound: number;
      previousModel: string;
    };

/**
 * Decides how to unlearn: roll back to the model before the earliest round
 * whose aggregate used the erased data, and re-run every round from there to
 * the checkpoint. A round counts only if it was aggregated (not failed) and
 * the region's update was one of its contributors; a region that trained but
 * dropped, or a failed round, changed no model. Pure.
 *
 * Only stateless strategies (FedAvg, FedProx) can be rolled back: the
 * checkpoint keeps the server state of the latest round only, so FedAdam's
 * moments before round r cannot be recovered (`CONFLICT`, reason
 * `stateful_strategy`).
 *
 * Retraining only the affected SISA shard is not enough here: every round
 * after the affected one starts from its aggregate, so every later round
 * depends on the erased data (see federation/src/unlearning/README.md).
 *
 * @example
 * planUnlearning({ history, affected: [{ region: 'eu', rounds: [2, 3] }], checkpoint: { round: 4, modelHash }, statefulStrategy: false });
 * // { kind: 'rollback', rolledBackTo: 1, startModel: history[1].modelIn, replay: rounds 2..4, ... }
 */
export function planUnlearning(input: UnlearningPlanInput): UnlearningPlan {
  const open = input.history.find((r) => r.status === 'open' || r.status === 'evaluating');
  if (open) return { kind: 'wait', reason: 'round_in_progress', round: open.round };
  const rounds = aggregatedRounds(input.history, input.affected);
  if (rounds.length === 0) return { kind: 'not_needed', reason: 'no_aggregated_round' };
  if (input.statefulStrategy) {
    throw new MeridianError('CONFLICT', 'this strategy keeps server state that the checkpoint holds for the latest round only; it cannot be rolled back', { reason: 'stateful_strategy' });
  }
  const first = input.history.find((r) => r.round === rounds[0]) as HistoricRound;
  const replay = input.history.filter((r) => r.round >= first.round && r.round <= input.checkpoint.round);
  return {
    kind: 'rollback',
    affectedRounds: rounds,
    rolledBackTo: first.round - 1,
    startModel: first.modelIn,
    replay,
    toRound: input.checkpoint.round,
    previousModel: input.checkpoint.modelHash,
  };
}

/**
 * The affected rounds whose aggregate really took the region's update: the
 * round was aggregated (not failed, not open) and the region was one of its
 * contributors. Sorted.
 *
 * @example
 * aggregatedRounds(history, [{ region: 'eu', rounds: [1, 2] }]); // [2] if eu dropped out of round 1
 */
export function aggregatedRounds(history: readonly HistoricRound[], affected: readonly AffectedRounds[]): number[] {
  // `evaluating` rounds were aggregated too; the plan waits for them to close before rolling anything back.
  const byRound = new Map(history.map((r) => [r.round, r]));
  const out = new Set<number>();
  for (const a of affected) {
    for (const n of a.rounds) {
      const r = byRound.get(n);
      if (r && r.status !== 'failed' && r.status !== 'open' && r.modelOut !== null && r.contributors.includes(a.region)) out.add(n);
    }
  }
  return [...out].sort((x, y) => x - y);
}
