import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Weights } from '../model/weights.ts';
import type { LocalTrainer } from '../round/local-trainer.ts';
import type { FitResult } from '../strategy/strategy.ts';
import type { HistoricRound } from './historic-round.ts';
import type { ReplayAggregation } from './replay-aggregation.ts';

/** A region taking part in a replay: the same trainer (data source, seeds, settings) it trains rounds with. */
export interface ReplayParticipant {
  region: string;
  trainer: LocalTrainer;
}

export interface RetrainForwardOptions {
  federation: string;
  /** The model before the first replayed round. */
  start: Weights;
  /** Rounds to re-run, in order (failed rounds are kept and change nothing, as they did). */
  rounds: readonly HistoricRound[];
  participants: readonly ReplayParticipant[];
  aggregation: ReplayAggregation;
  /** The registry hash of a model (handed to trainers as `modelHash`). */
  hashOf: (weights: Weights) => string;
  /** After each round, e.g. to persist progress so a crash resumes there. */
  onRound?: (round: { round: number; modelIn: string; modelOut: string | null; weights: Weights }) => Promise<void> | void;
  signal?: AbortSignal;
}

/**
 * Re-runs rounds from a rolled-back model: every round, each of its original
 * contributors trains from the replayed global model with the round's stored
 * FitConfig, and the updates are aggregated in region order as the
 * coordinator did. The regions' data is what they hold now, so what an
 * erasure deleted is simply absent. When local training is deterministic for
 * its seed (it is on the reference engine and on TF.js WASM on one machine;
 * see README) the result is bit-identical to training from scratch without
 * the erased data. Under DP the noise is fresh: the result is a new sample of
 * the same mechanism on the remaining data.
 *
 * @example
 * const { weights } = await retrainForward({ federation: 'intent', start, rounds: plan.replay, participants, aggregation, hashOf });
 */
export async function retrainForward(options: RetrainForwardOptions): Promise<{ weights: Weights; modelHash: string }> {
  const byRegion = new Map(options.participants.map((p) => [p.region, p]));
  let global = options.start;
  let hash = options.hashOf(global);
  const signal = options.signal ?? new AbortController().signal;
  for (const round of options.rounds) {
    signal.throwIfAborted();
    if (round.status === 'failed' || round.modelOut === null) {
      await options.onRound?.({ round: round.round, modelIn: hash, modelOut: null, weights: global });
      continue;
    }
    const contributors = [...round.contributors].sort();
    const results: FitResult[] = [];
    // One after the other: training is CPU-bound, and each fit is independent of the others' order.
    for (const region of contributors) {
      const p = byRegion.get(region);
      if (!p) throw new MeridianError('CONFLICT', `round ${round.round} had ${region} as a contributor, which is not in the replay`, { reason: 'missing_participant', round: round.round, region });
      const fit = await p.trainer(global, round.config, { federation: options.federation, round: round.round, modelHash: hash, signal });
      results.push({ ...fit, region });
    }
    const failures = round.invited.filter((r) => !contributors.includes(r)).sort();
    const modelIn = hash;
    global = options.aggregation.aggregate(round.round, global, results, failures);
    hash = options.hashOf(global);
    await options.onRound?.({ round: round.round, modelIn, modelOut: hash, weights: global });
  }
  return { weights: global, modelHash: hash };
}
