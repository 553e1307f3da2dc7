import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import { createRevocationList, type CertificateAuthority } from '@meridian/core/pki/index.ts';
import { createLogger } from '@meridian/core/logging/create-logger.ts';
import type { Ledger } from '@meridian/audit/ledger/ledger.ts';
import { loadRegionData, type TaskName } from '@meridian/federation/data/index.ts';
import { featurizeExamples, trainLocal, evaluateModel } from '@meridian/federation/training/index.ts';
import { initWeights, loadEngine, type EngineName } from '@meridian/federation/model/index.ts';
import type { ModelSpec } from '@meridian/federation/model/model-spec.ts';
import { DEFAULT_TOKENIZER_CONFIG } from '@meridian/federation/tokenizer/tokenizer-config.ts';
import { fastTextModelCodec, createPostgresModelRegistry } from '@meridian/federation/registry/index.ts';
import { roundSettings, runRoundsAsParticipant, createCoordinatorClient } from '@meridian/federation/round/index.ts';
import { createFedAvg } from '@meridian/federation/strategy/fed-avg/fed-avg.ts';
import { startCoordinator } from '@meridian/federation/coordinator/start-coordinator.ts';
import { checkpointRepository, createLedgerRoundRecorder } from '@meridian/federation/coordinator/index.ts';
import { createMtlsAgent } from '@meridian/federation/transport/create-mtls-agent.ts';
import { createRevocationStore } from '@meridian/federation/transport/revocation-store.ts';
import { issueLocalCertificate } from '../launcher/local-certificates.ts';
import type { Dispatcher } from 'undici';
import { createSecureAggregator, createSecureAggregationTransform } from '@meridian/federation/secure-aggregation/index.ts';
import type { RegionNode } from '@meridian/regions/node/region-node.ts';
import { consentedTrainingCorpus } from '@meridian/regions/training/consented-training-corpus.ts';
import { trainingLineage } from '@meridian/regions/training/training-lineage.repository.ts';
import type { TrainingExample } from '@meridian/federation/training/index.ts';

export interface FederationProgress {
  task: TaskName;
  region: Region;
  round: number;
  totalRounds: number;
  phase: 'training' | 'submitted' | 'evaluated' | 'failed';
  /** Where the region's training examples came from this round. */
  source?: 'node' | 'shared-data';
  metrics?: { accuracy: number; macroF1: number };
}

export interface TaskOutcome {
  task: TaskName;
  rounds: number;
  modelHash: string;
  spec: ModelSpec;
  /** Per region, its held-out accuracy and macro-F1 of the final model. */
  evaluation: Partial<Record<Region, { accuracy: number; macroF1: number }>>;
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
 * Rounds continue from the coordinator's checkpoint.
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
    // Uniform region weights: size-weighted FedAvg let the Arabic region swamp the English ones (see federation/README.md).
    const strategy = createFedAvg({ schedule: { rounds: totalRounds, localEpochs: 1, learningRate: 0.03, learningRateEnd: 0.03, batchSize: 64 }, weighting: 'uniform', serverLearningRate: 1.5 });
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
    try {
      const summaries = await Promise.all(
        REGIONS.map(async (region) => {
          const split = data.regions[region];
          const fallback = featurizeExamples(split.train, spec.tokenizer);
          const test = featurizeExamples(split.test, spec.tokenizer);
          const node = opts.nodes?.[region];
          // Each round reads the node's corpus afresh: who may train is decided at that moment.
          const examplesFor = async (round: number): Promise<{ examples: TrainingExample[]; source: 'node' | 'shared-data' }> => {
            if (!node) return { examples: fallback, source: 'shared-data' };
            const corpus = (await consentedTrainingCorpus(node, task)).filter((e) => spec.labels.includes(e.label));
            if (corpus.length < (opts.minCorpus ?? 200)) return { examples: fallback, source: 'shared-data' };
            const perSubject = new Map<string, number>();
            for (const e of corpus) perSubject.set(e.subjectId, (perSubject.get(e.subjectId) ?? 0) + 1);
            await trainingLineage.record(node.db, task, round, perSubject, node.now());
            return { examples: featurizeExamples(corpus.map((e) => ({ text: e.text, label: spec.labels.indexOf(e.label), subjectId: e.subjectId })), spec.tokenizer), source: 'node' };
          };
          const agent = createMtlsAgent({ ca: opts.ca.certPem, key: clientCerts[region]!.keyPem, cert: clientCerts[region]!.certPem, expectServer: { roles: ['coordinator'] } });
          const progress = (round: number, phase: FederationProgress['phase'], metrics?: FederationProgress['metrics']) =>
            opts.onProgress?.({ task, region, round, totalRounds, phase, metrics });
          try {
            return await runRoundsAsParticipant({
              federation: task,
              region,
              client: createCoordinatorClient({ url: running.url, agent: opts.wrapDispatcher ? opts.wrapDispatcher(region, agent) : agent, region }),
              codec,
              ...(secure
                ? {
                    transforms: [
                      createSecureAggregationTransform({
                        identity: { key: clientCerts[region]!.keyPem, cert: clientCerts[region]!.certPem },
                        ca: opts.ca.certPem,
                        revocation: () => revocation.current(),
                        weighting: 'uniform',
                        unmaskWaitMs: STRAGGLER_MS + 60_000,
                      }),
                    ],
                  }
                : {}),
              trainer: async (global, config) => {
                const { examples, source } = await examplesFor(config.round);
                opts.onProgress?.({ task, region, round: config.round, totalRounds, phase: 'training', source });
                return trainLocal(global, examples, config, { spec, region, engine });
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
          } finally {
            await agent.close();
          }
        }),
      );
      outcomes.push({ task, rounds: totalRounds, modelHash: summaries[0]!.modelHash, spec, evaluation });
    } finally {
      await running.close();
    }
  }
  return outcomes;
}

/** Where the coordinator keeps its data under the launcher's data directory. */
export const coordinatorDir = (dataDir: string) => join(dataDir, 'coordinator');
