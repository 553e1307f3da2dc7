import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Ledger } from '@meridian/audit/ledger/ledger.ts';
import { modelHash } from '../model/model-hash.ts';
import { rawWeightsCodec } from '../registry/raw-weights-codec.ts';
import type { Weights } from '../model/weights.ts';
import type { ModelRegistry } from '../registry/model-registry.ts';
import type { Strategy } from '../strategy/strategy.ts';
import { federationHistory, type FederationUnlearningRun } from './federation-history.repository.ts';
import { aggregatedRounds, planUnlearning, type AffectedRounds } from './plan-unlearning.ts';
import type { ReplayAggregation } from './replay-aggregation.ts';
import { retrainForward, type ReplayParticipant } from './retrain-forward.ts';
import type { UnlearningOutcome } from './unlearning-outcome.ts';

export interface UnlearnFederationOptions {
  /** The coordinator's database: rounds, checkpoint, registry, unlearning runs (and its ledger, if given). */
  db: Kysely<Database>;
  registry: ModelRegistry;
  federation: string;
  /** The caller's id for this run: calling again with it resumes or returns the committed result. */
  runId: string;
  affected: readonly AffectedRounds[];
  participants: readonly ReplayParticipant[];
  aggregation: ReplayAggregation;
  /** The federation's strategy (its name must match the rounds'; only stateless ones can be rolled back). */
  strategy: Strategy;
  /** Whether training draws fresh randomness per run (DP noise): the outcome then says `resampled`. */
  randomized?: boolean;
  /** The coordinator's ledger: a `model_release` leaf proves the run, in its commit. */
  ledger?: Ledger;
  /** Delete the replaced models from the registry (default true): they were trained on the erased data. */
  purgeReplaced?: boolean;
  now?: () => Date;
  /** After each retrained round has committed (e.g. progress output). */
  onRound?: (round: { round: number; modelOut: string | null }) => void | Promise<void>;
}

/**
 * Rolls a federation back to the model before the first round that used
 * erased data and retrains every round from there with the regions' current
 * data (`planUnlearning`, `retrainForward`), then moves the coordinator's
 * checkpoint to the result. Durable and idempotent per `runId`:
 * - every retrained round's model goes into the registry and the run's row
 *   in one transaction, so after a crash the replay resumes at the next round;
 * - the checkpoint moves, the run commits, the ledger leaf is appended and
 *   the replaced models are purged in one transaction, fenced on the
 *   checkpoint still being where the run started;
 * - called again after the commit it returns the committed outcome.
 * Run it while the federation's coordinator is stopped (between trainings):
 * a running coordinator keeps its current model in memory. A round left
 * `open` or `evaluating` makes it refuse (`CONFLICT`, `round_in_progress`).
 *
 * @example
 * const outcome = await unlearnFederation({ db, registry, federation: 'intent', runId, affected: [{ region: 'eu', rounds: [2, 3] }], participants, aggregation: secureReplayAggregation(strategy), strategy });
 */
export async function unlearnFederation(options: UnlearnFederationOptions): Promise<UnlearningOutcome> {
  const { db, registry, federation, runId } = options;
  const now = options.now ?? (() => new Date());
  let run = await federationHistory.find(db, federation, runId);
  if (run?.status === 'committed') return committedOutcome(run, aggregatedRounds(await federationHistory.effective(db, federation), options.affected), options.randomized);

  const checkpoint = await db.selectFrom('federation_checkpoints').select(['round', 'model_hash', 'strategy', 'strategy_state']).where('federation', '=', federation).executeTakeFirst();
  if (!checkpoint) throw new MeridianError('NOT_FOUND', `federation ${federation} has no checkpoint`, { reason: 'unknown_federation', federation });
  const history = await federationHistory.effective(db, federation);
  const foreign = history.find((r) => r.strategy !== options.strategy.name);
  if (foreign || checkpoint.strategy !== options.strategy.name) {
    throw new MeridianError('CONFLICT', `the federation was trained with ${foreign?.strategy ?? checkpoint.strategy}, not ${options.strategy.name}`, { reason: 'strategy_mismatch', federation });
  }
  const plan = planUnlearning({
    history,
    affected: options.affected,
    checkpoint: { round: checkpoint.round, modelHash: checkpoint.model_hash },
    // The checkpoint holds the server state after its round only (FedAdam's moments; FedAvg/FedProx keep none).
    statefulStrategy: Object.keys(rawWeightsCodec.decode(checkpoint.strategy_state)).length > 0,
  });
  if (plan.kind === 'wait') throw new MeridianError('CONFLICT', `round ${plan.round} of ${federation} is in progress; unlearn between trainings`, { reason: plan.reason, federation, round: plan.round });
  if (plan.kind === 'not_needed') {
    if (run) await federationHistory.discard(db, federation, runId);
    return { kind: 'not_needed', federation, reason: plan.reason };
  }

  // A run begun from another starting point (new rounds since, another run committed) starts over.
  if (run && (run.previous_model_hash !== plan.previousModel || run.to_round !== plan.toRound || run.rolled_back_to !== plan.rolledBackTo)) {
    await federationHistory.discard(db, federation, runId);
    run = undefined;
  }
  run ??= await federationHistory.start(db, { federation, runId, rolledBackTo: plan.rolledBackTo, toRound: plan.toRound, previousModelHash: plan.previousModel, at: now() });

  const done = run.rounds;
  const resumeFrom = done.at(-1);
  const startHash = resumeFrom ? (resumeFrom.modelOut ?? resumeFrom.modelIn) : plan.startModel;
  const start = await registry.get(startHash);
  if (!start) throw new MeridianError('INTERNAL', `model ${startHash} to roll back to is missing from the registry`, { reason: 'missing_checkpoint_model', federation, hash: startHash });
  const hashOf = (w: Weights) => modelHash(registry.codec.encode(w));
  let parent = startHash;
  const result = await retrainForward({
    federation,
    start,
    rounds: plan.replay.filter((r) => !done.some((d) => d.round === r.round)),
    participants: options.participants,
    aggregation: options.aggregation,
    hashOf,
    onRound: async ({ round, modelIn, modelOut, weights }) => {
      await db.transaction().execute(async (trx) => {
        if (modelOut !== null) await registry.put(trx, weights, { federation, parentHash: parent, round });
        await federationHistory.appendRound(trx, federation, runId, { round, modelIn, modelOut });
      });
      if (modelOut !== null) parent = modelOut;
      await options.onRound?.({ round, modelOut });
    },
  });

  const replaced = new Set(plan.replay.flatMap((r) => (r.modelOut ? [r.modelOut] : [])));
  const retrained = await federationHistory.find(db, federation, runId);
  for (const r of retrained?.rounds ?? []) if (r.modelOut) replaced.delete(r.modelOut);
  replaced.delete(plan.startModel);
  const at = now();
  const purged = await db.transaction().execute(async (trx) => {
    const cp = await trx.selectFrom('federation_checkpoints').select(['round', 'model_hash']).where('federation', '=', federation).forUpdate().executeTakeFirstOrThrow();
    const later = await trx.selectFrom('federation_rounds').select('round').where('federation', '=', federation).where('round', '>', plan.toRound).executeTakeFirst();
    if (cp.round !== plan.toRound || cp.model_hash !== plan.previousModel || later) {
      throw new MeridianError('CONFLICT', `the ${federation} checkpoint moved while unlearning; the run starts over`, { reason: 'checkpoint_moved', federation });
    }
    await trx.updateTable('federation_checkpoints').set({ model_hash: result.modelHash, updated_at: at }).where('federation', '=', federation).execute();
    await federationHistory.commit(trx, federation, runId, result.modelHash, at);
    const committed = (await federationHistory.find(trx, federation, runId)) as FederationUnlearningRun;
    if (options.ledger) {
      await options.ledger.append(trx, [
        {
          type: 'model_release',
          region: 'coordinator',
          time: at,
          refId: `${federation}:unlearning:${committed.generation}`,
          payload: createHash('sha256').update(JSON.stringify({ federation, generation: committed.generation, rolledBackTo: plan.rolledBackTo, toRound: plan.toRound, rounds: committed.rounds })).digest(),
          meta: {
            action: 'unlearned',
            federation,
            generation: committed.generation,
            rolledBackTo: plan.rolledBackTo,
            retrainedRounds: plan.toRound - plan.rolledBackTo,
            modelIn: plan.previousModel,
            modelOut: result.modelHash,
          },
        },
      ]);
    }
    if (options.purgeReplaced === false || replaced.size === 0) return 0;
    const gone = await trx.deleteFrom('federation_models').where('federation', '=', federation).where('hash', 'in', [...replaced]).where('hash', '!=', result.modelHash).executeTakeFirst();
    return Number(gone.numDeletedRows);
  });
  return {
    kind: 'retrained',
    federation,
    generation: run.generation,
    rolledBackTo: plan.rolledBackTo,
    affectedRounds: plan.affectedRounds,
    retrainedRounds: plan.toRound - plan.rolledBackTo,
    toRound: plan.toRound,
    previousModelHash: plan.previousModel,
    modelHash: result.modelHash,
    purgedModels: purged,
    exactness: options.randomized ? 'resampled' : 'exact',
  };
}

/** The outcome of a run committed earlier (a repeated call after a crash between commit and the caller's record). */
function committedOutcome(run: FederationUnlearningRun, affectedRounds: number[], randomized: boolean | undefined): UnlearningOutcome {
  return {
    kind: 'retrained',
    federation: run.federation,
    generation: run.generation,
    rolledBackTo: run.rolled_back_to,
    affectedRounds,
    retrainedRounds: run.to_round - run.rolled_back_to,
    toRound: run.to_round,
    previousModelHash: run.previous_model_hash,
    modelHash: run.model_hash as string,
    purgedModels: 0,
    exactness: randomized ? 'resampled' : 'exact',
  };
}
