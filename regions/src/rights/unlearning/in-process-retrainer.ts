import type { Kysely } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';
import type { Ledger } from '@meridian/audit/ledger/ledger.ts';
import type { FastTextEngine } from '@meridian/federation/model/fasttext-engine.ts';
import type { ModelSpec } from '@meridian/federation/model/model-spec.ts';
import type { Weights } from '@meridian/federation/model/weights.ts';
import { fastTextModelCodec } from '@meridian/federation/registry/fasttext-model-codec.ts';
import type { ModelCodec } from '@meridian/federation/registry/model-codec.ts';
import { createPostgresModelRegistry } from '@meridian/federation/registry/postgres/postgres-model-registry.ts';
import type { FitConfig, FitResult, Strategy } from '@meridian/federation/strategy/strategy.ts';
import { trainLocal } from '@meridian/federation/training/train-local.ts';
import type { TrainingExample } from '@meridian/federation/training/training-example.ts';
import { plainReplayAggregation, secureReplayAggregation, type ReplayAggregation } from '@meridian/federation/unlearning/replay-aggregation.ts';
import { unlearnFederation } from '@meridian/federation/unlearning/unlearn-federation.ts';
import type { RegionNode } from '../../node/region-node.ts';
import { consentedTrainingCorpus } from '../../training/consented-training-corpus.ts';
import { nodeTrainingExamples } from '../../training/node-training-examples.ts';
import type { FederationRetrainer } from './federation-retrainer.ts';

/** How one federation was trained: the replay must use the same model, strategy, aggregation and local training. */
export interface ReplaySetup {
  spec: ModelSpec;
  strategy: Strategy;
  /** `secure`: the secure aggregator's fixed-point mean (uniform weights, clip 16, as the launcher runs it). */
  aggregation: 'plain' | 'secure' | ReplayAggregation;
  /** The registry's codec (default `fastTextModelCodec(spec)`, as the launcher stores models). */
  codec?: ModelCodec;
  /** Whether local training draws fresh randomness per run (DP noise). */
  randomized?: boolean;
}

export interface InProcessRetrainerOptions {
  /** The coordinator's database (rounds, checkpoint, registry) and, to prove each run, its ledger. */
  coordinator: { db: Kysely<Database>; ledger?: Ledger };
  /** Every region that contributed to the federation, in this process. */
  nodes: Readonly<Partial<Record<string, RegionNode>>>;
  federations: Readonly<Record<string, ReplaySetup>>;
  engine: FastTextEngine;
  /** A replayed round's examples for a region; default: the node's corpus of that round as it stands now (lineage-scoped). */
  examplesFor?: (args: { region: string; node: RegionNode; federation: string; round: number; spec: ModelSpec }) => Promise<TrainingExample[]>;
  /** Local training of a replayed round; default: `trainLocal` with seed 0, as the launcher trains. */
  fit?: (args: { region: string; federation: string; round: number; global: Weights; examples: readonly TrainingExample[]; config: FitConfig; spec: ModelSpec; engine: FastTextEngine }) => Promise<FitResult>;
  onRound?: (p: { federation: string; round: number; modelOut: string | null }) => void | Promise<void>;
}

/**
 * A `FederationRetrainer` for deployments that run the coordinator's
 * database and every region node in one process (the local launcher): each
 * region replays its rounds from its own node, on the corpus each round
 * trained on minus what was erased or withdrawn since. Run it while the
 * federation's coordinator is stopped.
 *
 * @example
 * const retrainer = createInProcessRetrainer({ coordinator: { db, ledger }, nodes, engine, federations: { intent: { spec, strategy, aggregation: 'secure' } } });
 * await runUnlearningWorker(nodes.eu, { retrainer });
 */
export function createInProcessRetrainer(options: InProcessRetrainerOptions): FederationRetrainer {
  const examplesFor =
    options.examplesFor ?? (async ({ node, federation, round, spec }) => nodeTrainingExamples(await consentedTrainingCorpus(node, spec.task, undefined, { federation, round }), spec));
  const fit = options.fit ?? (({ region, global, examples, config, spec, engine }) => trainLocal(global, examples, config, { spec, region, engine }));
  return {
    async retrain({ runId, federation, affected }) {
      const setup = options.federations[federation];
      if (!setup) throw new Error(`no replay setup for federation ${federation}`);
      const aggregation =
        setup.aggregation === 'plain' ? plainReplayAggregation(setup.strategy) : setup.aggregation === 'secure' ? secureReplayAggregation(setup.strategy, { weighting: 'uniform' }) : setup.aggregation;
      const participants = Object.entries(options.nodes).flatMap(([region, node]) =>
        node
          ? [
              {
                region,
                trainer: async (global: Weights, config: FitConfig, ctx: { round: number }) =>
                  fit({ region, federation, round: ctx.round, global, examples: await examplesFor({ region, node, federation, round: ctx.round, spec: setup.spec }), config, spec: setup.spec, engine: options.engine }),
              },
            ]
          : [],
      );
      return unlearnFederation({
        db: options.coordinator.db,
        registry: createPostgresModelRegistry({ db: options.coordinator.db, codec: setup.codec ?? fastTextModelCodec(setup.spec) }),
        federation,
        runId,
        affected,
        participants,
        aggregation,
        strategy: setup.strategy,
        randomized: setup.randomized,
        ...(options.coordinator.ledger ? { ledger: options.coordinator.ledger } : {}),
        onRound: (r) => options.onRound?.({ federation, ...r }),
      });
    },
  };
}
