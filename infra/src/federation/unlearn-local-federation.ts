import type { Kysely } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import type { Ledger } from '@meridian/audit/ledger/ledger.ts';
import { loadRegionData, TASK_NAMES, type TaskName } from '@meridian/federation/data/index.ts';
import { loadEngine, type EngineName } from '@meridian/federation/model/index.ts';
import type { ModelSpec } from '@meridian/federation/model/model-spec.ts';
import { featurizeExamples, trainLocal, type TrainingExample } from '@meridian/federation/training/index.ts';
import type { UnlearningOutcome } from '@meridian/federation/unlearning/unlearning-outcome.ts';
import type { RegionNode } from '@meridian/regions/node/region-node.ts';
import { consentedTrainingCorpus } from '@meridian/regions/training/consented-training-corpus.ts';
import { nodeTrainingExamples } from '@meridian/regions/training/node-training-examples.ts';
import { databasePrivacySpendStore } from '@meridian/regions/training/privacy-spend.repository.ts';
import { createInProcessRetrainer, type ReplaySetup } from '@meridian/regions/rights/unlearning/in-process-retrainer.ts';
import type { FederationRetrainer } from '@meridian/regions/rights/unlearning/federation-retrainer.ts';
import { runUnlearningWorker, type UnlearningWorkerReport } from '@meridian/regions/rights/unlearning/run-unlearning-worker.ts';
import { modelUnlearningStatement } from '@meridian/regions/rights/unlearning/unlearning-statement.ts';
import { findGlobalModel } from './load-current-models.ts';
import { localFederationStrategy } from './local-federation-strategy.ts';
import { modelSpecFor } from './train-local-federation.ts';
import { rebuildAdaptedModels, type RebuiltAdaptation } from './rebuild-adapted-models.ts';

export interface UnlearnLocalFederationOptions {
  /** The coordinator's database (checkpoints, rounds, registry) and its ledger, which proves each run. Its coordinator must be stopped. */
  coordinator: { db: Kysely<Database>; ledger?: Ledger };
  /** Every region that trained the federations, in this process (the launcher's layout). */
  nodes: Partial<Record<Region, RegionNode>>;
  /** The engine the rounds were trained with (`meridian train` default: tfjs); the replay is exact only on the same one. */
  engine?: EngineName;
  /** The `--max-train` the rounds ran with: a region that trained on its share of shared/data (no lineage) replays on the same rows. */
  maxTrainPerSource?: number;
  /** Whether the rounds used secure aggregation (the launcher's default: on). */
  secureAggregation?: boolean;
  /** Run every pending request now instead of those whose nightly batch is due. */
  all?: boolean;
  /** After each replayed round has committed. */
  onRound?: (p: { region: Region; federation: string; round: number; toRound: number; modelOut: string | null }) => void;
}

/** One rollback-and-retrain (or "nothing to undo"), with the requests it settled and what their certificates now say. */
export interface UnlearningRunReport {
  region: Region;
  federation: string;
  outcome: UnlearningOutcome;
  requests: { requestId: string; statement: string }[];
}

export interface UnlearnLocalReport {
  workers: Partial<Record<Region, UnlearningWorkerReport>>;
  runs: UnlearningRunReport[];
  /** Runs that failed now (backed off, retried by the next call), with the error code only. */
  failures: { region: Region; federation: string; code: string }[];
  /** Each federation's current global model after the runs. */
  globals: { federation: string; round: number; modelHash: string }[];
  /** Region-adapted models rebuilt from the new global models, and the stale ones deleted. */
  adapted: RebuiltAdaptation[];
}

/**
 * Runs the owed model unlearning of a local deployment (coordinator database
 * and the region nodes in this process, coordinator stopped): each region's
 * unlearning worker rolls the federations its erasures trained back before
 * the first affected round and retrains forward with the in-process
 * retrainer, set up exactly as `trainLocalFederation` trains (model spec,
 * FedAvg strategy, secure aggregation, `trainLocal` with seed 0, and for a
 * round a region trained on shared/data, those rows). Then every region
 * re-adapts the federations served with local adaptation from the new global
 * model and deletes its adaptations of the models the runs purged (they may
 * carry the erased subjects' influence).
 *
 * @example
 * const report = await unlearnLocalFederation({ coordinator: { db, ledger }, nodes, all: true });
 * report.runs[0]?.requests[0]?.statement; // 'rolled back sentiment to round 0, retrained 2 rounds, new model hash …'
 */
export async function unlearnLocalFederation(opts: UnlearnLocalFederationOptions): Promise<UnlearnLocalReport> {
  const engine = await loadEngine(opts.engine ?? 'tfjs');
  const db = opts.coordinator.db;
  const checkpoints = await db.selectFrom('federation_checkpoints').select(['federation', 'round', 'model_hash']).execute();
  const federations: Record<string, ReplaySetup> = {};
  for (const c of checkpoints) {
    if (!TASK_NAMES.includes(c.federation as TaskName)) continue;
    const current = await findGlobalModel(db, c.model_hash);
    if (!current) throw new MeridianError('NOT_FOUND', `the ${c.federation} checkpoint names model ${c.model_hash}, which the registry lacks`, { reason: 'missing_checkpoint_model', federation: c.federation });
    federations[c.federation] = {
      spec: modelSpecFor(c.federation as TaskName, current.model.spec.labels),
      strategy: localFederationStrategy(c.round),
      aggregation: opts.secureAggregation === false ? 'plain' : 'secure',
    };
  }
  const examples = replayExamples(opts.maxTrainPerSource);
  const report: UnlearnLocalReport = { workers: {}, runs: [], failures: [], globals: [], adapted: [] };
  const retrained = new Map<string, Extract<UnlearningOutcome, { kind: 'retrained' }>>();

  for (const region of REGIONS) {
    const node = opts.nodes[region];
    if (!node) continue;
    const inner = createInProcessRetrainer({
      coordinator: opts.coordinator,
      nodes: opts.nodes,
      federations,
      engine,
      examplesFor: ({ region: r, node: n, federation, round, spec }) => examples(r as Region, n, federation, round, spec),
      fit: async ({ region: r, federation, round, global, examples: ex, config, spec, engine: e }) => {
        await refuseDpRound(opts.nodes[r as Region], r, federation, round);
        return trainLocal(global, ex, config, { spec, region: r, engine: e });
      },
      onRound: ({ federation, round, modelOut }) => opts.onRound?.({ region, federation, round, toRound: toRoundOf(federation), modelOut }),
    });
    let toRounds = new Map<string, number>();
    const toRoundOf = (federation: string) => toRounds.get(federation) ?? 0;
    const seen: { runId: string; federation: string; outcome: UnlearningOutcome }[] = [];
    const retrainer: FederationRetrainer = {
      async retrain(request) {
        toRounds = new Map((await db.selectFrom('federation_checkpoints').select(['federation', 'round']).execute()).map((c) => [c.federation, c.round]));
        try {
          const outcome = await inner.retrain(request);
          seen.push({ runId: request.runId, federation: request.federation, outcome });
          return outcome;
        } catch (e) {
          report.failures.push({ region, federation: request.federation, code: e instanceof MeridianError ? `${e.code}${typeof e.evidence?.reason === 'string' ? `:${e.evidence.reason}` : ''}` : 'INTERNAL' });
          throw e;
        }
      },
    };
    report.workers[region] = await runUnlearningWorker(node, { retrainer, ignoreSchedule: opts.all ?? false });
    for (const s of seen) {
      const covered = await node.db.selectFrom('unlearning_requests').select('request_id').where('run_id', '=', s.runId).where('status', 'in', ['done', 'not_needed']).orderBy('request_id').execute();
      if (!covered.length) continue;
      const requests = [];
      for (const { request_id } of covered) {
        const statement = await modelUnlearningStatement(node.db, request_id, { region });
        requests.push({ requestId: request_id, statement: statement.federations.find((f) => f.federation === s.federation)?.statement ?? statement.note });
      }
      report.runs.push({ region, federation: s.federation, outcome: s.outcome, requests });
      if (s.outcome.kind === 'retrained') retrained.set(s.federation, s.outcome);
    }
  }

  for (const c of await db.selectFrom('federation_checkpoints').select(['federation', 'round', 'model_hash']).orderBy('federation').execute()) {
    report.globals.push({ federation: c.federation, round: c.round, modelHash: c.model_hash });
  }
  for (const [federation, outcome] of retrained) {
    report.adapted.push(
      ...(await rebuildAdaptedModels({
        coordinatorDb: db,
        nodes: opts.nodes,
        task: federation as TaskName,
        engine,
        examplesFor: (region, node, spec) => examples(region, node, federation, outcome.toRound, spec),
      })),
    );
  }
  return report;
}

/**
 * A round's examples for a region as `trainLocalFederation` built them: the
 * node's lineage-scoped corpus when the round trained on the node (it
 * recorded lineage), else the region's share of shared/data (the fallback
 * below `minCorpus`, which records none).
 */
function replayExamples(maxTrainPerSource: number | undefined) {
  const shared = new Map<string, ReturnType<typeof loadRegionData>>();
  return async (region: Region, node: RegionNode, federation: string, round: number, spec: ModelSpec): Promise<TrainingExample[]> => {
    const onNode = await node.db.selectFrom('training_lineage').select('round').where('federation', '=', federation).where('round', '=', round).limit(1).executeTakeFirst();
    if (onNode) return nodeTrainingExamples(await consentedTrainingCorpus(node, spec.task, undefined, { federation, round }), spec);
    let data = shared.get(spec.task);
    if (!data) shared.set(spec.task, (data = loadRegionData(spec.task as TaskName, { maxTrainPerSource })));
    return featurizeExamples(data.regions[region].train, spec.tokenizer);
  };
}

/** A round trained under subject-level DP must be replayed by the DP trainer (fresh noise, spending budget): not wired here. */
async function refuseDpRound(node: RegionNode | undefined, region: string, federation: string, round: number): Promise<void> {
  if (!node) return;
  const spent = await databasePrivacySpendStore(node.db).load(region, federation);
  if (spent.some((e) => e.federation === federation && e.round === round)) {
    throw new MeridianError('CONFLICT', `${region} trained round ${round} of ${federation} under differential privacy; replaying DP rounds is not wired into this command`, {
      reason: 'dp_replay_not_wired',
      region,
      federation,
      round,
    });
  }
}
