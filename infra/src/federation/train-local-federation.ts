import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, DbOrTrx } from '@meridian/core/db/database.ts';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import { createRevocationList, type CertificateAuthority } from '@meridian/core/pki/index.ts';
import { createLogger } from '@meridian/core/logging/create-logger.ts';
import type { Ledger } from '@meridian/audit/ledger/ledger.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { adaptationOf, loadRegionData, type TaskName } from '@meridian/federation/data/index.ts';
import { featurizeExamples, trainLocal, evaluateModel } from '@meridian/federation/training/index.ts';
import { initWeights, loadEngine, type EngineName } from '@meridian/federation/model/index.ts';
import type { ModelSpec } from '@meridian/federation/model/model-spec.ts';
import { DEFAULT_TOKENIZER_CONFIG } from '@meridian/federation/tokenizer/tokenizer-config.ts';
import { fastTextModelCodec, createPostgresModelRegistry } from '@meridian/federation/registry/index.ts';
import { roundSettings, runRoundsAsParticipant, createCoordinatorClient } from '@meridian/federation/round/index.ts';
import { localFederationStrategy } from './local-federation-strategy.ts';
import { startCoordinator } from '@meridian/federation/coordinator/start-coordinator.ts';
import { checkpointRepository, createLedgerRoundRecorder } from '@meridian/federation/coordinator/index.ts';
import { createMtlsAgent } from '@meridian/federation/transport/create-mtls-agent.ts';
import { createRevocationStore } from '@meridian/federation/transport/revocation-store.ts';
import { issueLocalCertificate } from '../launcher/local-certificates.ts';
import type { Dispatcher } from 'undici';
import { createSecureAggregator, createSecureAggregationTransform } from '@meridian/federation/secure-aggregation/index.ts';
import type { RegionNode } from '@meridian/regions/node/region-node.ts';
import { consentedTrainingCorpus } from '@meridian/regions/training/consented-training-corpus.ts';
import { recordRoundLineage } from '@meridian/regions/training/record-round-lineage.ts';
import { privacyAnnotations } from '@meridian/federation/privacy/privacy-annotations.ts';
import type { DpPlan } from '@meridian/federation/privacy/default-dp-settings.ts';
import type { PrivacySpendSummary } from '@meridian/federation/privacy/summarize-privacy-spend.ts';
import { dpRegionTrainer } from './dp-region-trainer.ts';
import type { TrainingExample } from '@meridian/federation/training/index.ts';
import type { Weights } from '@meridian/federation/model/index.ts';
import { adaptRegionModel } from './adapt-region-model.ts';

export interface FederationProgress {
  task: TaskName;
  region: Region;
  round: number;
  totalRounds: number;
  phase: 'training' | 'submitted' | 'evaluated' | 'failed' | 'adapted' | 'spent';
  /** Where the region's training examples came from this round. */
  source?: 'node' | 'shared-data';
  metrics?: { accuracy: number; macroF1: number };
  /** `spent`: the model's DP spend in this region after the round (ε spent and remaining). */
  privacy?: PrivacySpendSummary;
  /** `adapted`: the content hash of the model the region adapted and stored in its own store. */
  modelHash?: string;
}

export interface TaskOutcome {
  task: TaskName;
  rounds: number;
  modelHash: string;
  spec: ModelSpec;
  /** Per region, its held-out accuracy and macro-F1 of the final model. */
  evaluation: Partial<Record<Region, { accuracy: number; macroF1: number }>>;
  /** For a task served with local adaptation: per region, the hash of its adapted model (kept in that region's store only). */
  adapted: Partial<Record<Region, string>>;
}

export interface TrainLocalFederationOptions {
  dataDir: string;
  /** The coordinator's database (migrated): rounds, checkpoints, model registry, its ledger. */
  db: Kysely<Database>;
  ledger: Ledger;
  ca: CertificateAuthority;
  tasks: readonly TaskName[];
  /** Rounds to run now, on top of those already in the checkpoint. */
  rounds: number;
  engine?: EngineName;
  /** Caps each data source's training rows (fewer rows: faster demo rounds). */
  maxTrainPerSource?: number;
  /**
   * Region nodes to train from: each trains on its own stored, labelled messages
   * of consenting subjects (re-read every round, so a withdrawal applies to the
   * next one) and records lineage. A region with fewer than `minCorpus` labelled
   * examples for a task trains on its share of shared/data instead.
   */
  nodes?: Partial<Record<Region, RegionNode>>;
  minCorpus?: number;
  /**
   * Each region's own database (default: its node's). After the rounds, for a
   * task served with local adaptation (`TASK_PERSONALIZATION`), each region
   * adapts the final global model on the examples it trained the last round
   * on and stores the result there, and only there. A region with no store
   * adapts nothing.
   */
  regionStores?: Partial<Record<Region, DbOrTrx>>;
  /**
   * Subject-level DP for every region (`meridian train --dp`): each trains
   * with `dpRegionTrainer` under this plan and its profile's budget per model,
   * keeping its spend in its own store. Unset: no DP (see federation/src/privacy/README.md on utility).
   */
  dp?: DpPlan;
  /** Secure aggregation (default on): the coordinator only ever sees masked updates and their sum. */
  secureAggregation?: boolean;
  /** Wraps each region's connection to the coordinator (e.g. to record every byte it sends). */
  wrapDispatcher?: (region: Region, agent: Dispatcher) => Dispatcher;
  onProgress?: (p: FederationProgress) => void;
}

const STRAGGLER_MS = 300_000;

/** The model shape every Meridian deployment trains (fastText-style, hashed n-grams). */
export function modelSpecFor(task: TaskName, labels: readonly string[]): ModelSpec {
  return { task, labels, dim: 64, tokenizer: DEFAULT_TOKENIZER_CONFIG };
}

/**
 * Runs federated rounds on one machine, over the real protocol: a coordinator
 * on mTLS (loopback) and the three regions as participants, each training only
 * on its own labelled share of `shared/data` (standing in for its agents'
 * labelled history). Only model updates and aggregate metrics leave a region.
 * Rounds continue from the coordinator's checkpoint. Then, for tasks served
 * with local adaptation, each region adapts the new global model on its own
 * data and keeps it in its own store (`regionStores`): the model its node serves.
 *
 * @example
 * const out = await trainLocalFederation({ dataDir: '.data', db, ledger, ca, tasks: ['intent'], rounds: 3 });
 */
export async function trainLocalFederation(opts: TrainLocalFederationOptions): Promise<TaskOutcome[]> {
  const engine = await loadEngine(opts.engine ?? 'tfjs');
  const logger = createLogger({ component: 'coordinator' });
  const coordinatorCert = issueLocalCertificate(opts.ca, opts.dataDir, 'coordinator', 'coordinator', 'coordinator');
  const clientCerts = Object.fromEntries(REGIONS.map((r) => [r, issueLocalCertificate(opts.ca, opts.dataDir, `${r}-federation`, r, 'region')]));
  const revocation = createRevocationStore(opts.ca.certPem, createRevocationList(opts.ca));
  const outcomes: TaskOutcome[] = [];

  for (const task of opts.tasks) {
    const data = loadRegionData(task, { maxTrainPerSource: opts.maxTrainPerSource });
    const spec = modelSpecFor(task, data.labels);
    const codec = fastTextModelCodec(spec);
    const done = (await checkpointRepository.find(opts.db, task))?.round ?? 0;
    const totalRounds = done + opts.rounds;
    const strategy = localFederationStrategy(totalRounds);
    const secure = opts.secureAggregation ?? true;
    const running = await startCoordinator({
      federation: task,
      db: opts.db,
      registry: createPostgresModelRegistry({ db: opts.db, codec }),
      strategy,
      ...(secure ? { aggregator: createSecureAggregator(strategy, { weighting: 'uniform', unmaskWaitMs: STRAGGLER_MS + 60_000 }) } : {}),
      recorder: createLedgerRoundRecorder({ ledger: opts.ledger }),
      initialWeights: initWeights(spec, 1),
      settings: roundSettings({ rounds: totalRounds, participants: [...REGIONS], minParticipants: 2, stragglerTimeoutMs: STRAGGLER_MS, joinWindowMs: 3_000 }),
      key: coordinatorCert.keyPem,
      cert: coordinatorCert.certPem,
      ca: opts.ca.certPem,
      revocation,
      logger,
    });
    const evaluation: TaskOutcome['evaluation'] = {};
    const adapted: TaskOutcome['adapted'] = {};
    try {
      const summaries = await Promise.all(
        REGIONS.map(async (region) => {
          const split = data.regions[region];
          const fallback = featurizeExamples(split.train, spec.tokenizer);
          const test = featurizeExamples(split.test, spec.tokenizer);
          const node = opts.nodes?.[region];
          const store = opts.regionStores?.[region] ?? node?.db;
          let lastExamples: TrainingExample[] | undefined;
          let latestGlobal: { modelHash: string; round: number; weights: Weights } | undefined;
          // Each round reads the node's corpus afresh: who may train is decided at that moment.
          const examplesFor = async (round: number): Promise<{ examples: TrainingExample[]; source: 'node' | 'shared-data' }> => {
            if (!node) return { examples: fallback, source: 'shared-data' };
            // Taken before the read: an unlearning replay re-reads only messages received by then.
            const readAt = node.now();
            const corpus = (await consentedTrainingCorpus(node, task)).filter((e) => spec.labels.includes(e.label));
            if (corpus.length < (opts.minCorpus ?? 200)) return { examples: fallback, source: 'shared-data' };
            await recordRoundLineage(node, task, round, corpus, readAt);
            return { examples: featurizeExamples(corpus.map((e) => ({ text: e.text, label: spec.labels.indexOf(e.label), subjectId: e.subjectId })), spec.tokenizer), source: 'node' };
          };
          const train = async (round: number): Promise<TrainingExample[]> => {
            const { examples, source } = await examplesFor(round);
            lastExamples = examples;
            opts.onProgress?.({ task, region, round, totalRounds, phase: 'training', source });
            return examples;
          };
          if (opts.dp && !store) throw new MeridianError('BAD_INPUT', `${region} has no database to keep its privacy spend in; DP training needs one`, { region, task });
          const dp =
            opts.dp && store
              ? await dpRegionTrainer({
                  region,
                  task,
                  spec,
                  engine,
                  db: store,
                  plan: opts.dp,
                  sessionRounds: opts.rounds,
                  examplesFor: train,
                  onSpend: (privacy) => opts.onProgress?.({ task, region, round: privacy.rounds, totalRounds, phase: 'spent', privacy }),
                })
              : undefined;
          const agent = createMtlsAgent({ ca: opts.ca.certPem, key: clientCerts[region]!.keyPem, cert: clientCerts[region]!.certPem, expectServer: { roles: ['coordinator'] } });
          const progress = (round: number, phase: FederationProgress['phase'], metrics?: FederationProgress['metrics']) =>
            opts.onProgress?.({ task, region, round, totalRounds, phase, metrics });
          try {
            const summary = await runRoundsAsParticipant({
              federation: task,
              region,
              client: createCoordinatorClient({ url: running.url, agent: opts.wrapDispatcher ? opts.wrapDispatcher(region, agent) : agent, region }),
              codec,
              transforms: [
                // ε/δ travel as annotations, in the clear next to the masked update, into the round record and the ledger.
                ...(dp ? [privacyAnnotations] : []),
                ...(secure
                  ? [
                      createSecureAggregationTransform({
                        identity: { key: clientCerts[region]!.keyPem, cert: clientCerts[region]!.certPem },
                        ca: opts.ca.certPem,
                        revocation: () => revocation.current(),
                        weighting: 'uniform',
                        unmaskWaitMs: STRAGGLER_MS + 60_000,
                      }),
                    ]
                  : []),
              ],
              trainer: dp ?? (async (global, config) => trainLocal(global, await train(config.round), config, { spec, region, engine })),
              onGlobalModel: (m) => {
                latestGlobal = m;
              },
              evaluator: (weights) => {
                const r = evaluateModel(weights, spec, test, engine);
                return { numExamples: test.length, metrics: { accuracy: r.accuracy, macroF1: r.macroF1 } };
              },
              pollWaitMs: 2_000,
              onEvent: (e) => {
                if (e.type === 'training') progress(e.round, 'training');
                else if (e.type === 'submitted') progress(e.round, 'submitted');
                else if (e.type === 'failure_reported') progress(e.round, 'failed');
                else if (e.type === 'evaluated') {
                  const m = { accuracy: e.metrics.accuracy ?? NaN, macroF1: e.metrics.macroF1 ?? NaN };
                  evaluation[region] = m;
                  progress(e.round, 'evaluated', m);
                }
              },
            });
            if (store && adaptationOf(task)) {
              if (latestGlobal?.modelHash !== summary.modelHash) throw new MeridianError('INTERNAL', `${region} did not receive the final ${task} model`, { reason: 'final_model_missing', region, task });
              // The examples of the region's last round: its lineage for that round covers the adapted model too.
              const examples = lastExamples ?? (await examplesFor(summary.round)).examples;
              const version = await adaptRegionModel({ db: store, region, spec, base: { hash: summary.modelHash, round: summary.round, weights: latestGlobal.weights }, examples, engine });
              if (version) {
                adapted[region] = version.hash;
                opts.onProgress?.({ task, region, round: summary.round, totalRounds, phase: 'adapted', modelHash: version.hash });
              }
            }
            return summary;
          } finally {
            await agent.close();
          }
        }),
      );
      outcomes.push({ task, rounds: totalRounds, modelHash: summaries[0]!.modelHash, spec, evaluation, adapted });
    } finally {
      await running.close();
    }
  }
  return outcomes;
}

/** Where the coordinator keeps its data under the launcher's data directory. */
export const coordinatorDir = (dataDir: string) => join(dataDir, 'coordinator');
