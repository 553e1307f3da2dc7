import type { RegionId } from '../data/region-id.ts';
import { REGION_IDS } from '../data/region-id.ts';
import type { TaskName } from '../data/task-name.ts';
import { loadRegionData } from '../data/load-region-data.ts';
import type { EngineName } from '../model/fasttext-engine.ts';
import { initWeights } from '../model/init-weights.ts';
import { loadEngine } from '../model/load-engine.ts';
import { modelHash } from '../model/model-hash.ts';
import type { ModelSpec } from '../model/model-spec.ts';
import { referenceEngine } from '../model/reference/reference-engine.ts';
import { serializeModel } from '../model/serialize-model.ts';
import type { RegionWeighting } from '../strategy/aggregation/region-weighting.ts';
import type { FitSchedule } from '../strategy/fit-schedule.ts';
import { createStrategy } from '../strategy/strategies.ts';
import type { StrategyName } from '../strategy/strategies.ts';
import type { Strategy } from '../strategy/strategy.ts';
import { evaluateModel } from '../training/evaluate-model.ts';
import { featurizeExamples } from '../training/featurize-examples.ts';
import type { TokenizerConfig } from '../tokenizer/tokenizer-config.ts';
import type { RoundReport } from './simulate-federation.ts';
import { simulateFederation } from './simulate-federation.ts';
import { trainBaseline } from './train-baseline.ts';
import { adaptLocally } from './adapt-locally.ts';
import type { LocalAdaptation } from './adapt-locally.ts';

/** One quality comparison: a task, its model size, schedule and strategy. */
export interface QualityExperimentConfig {
  task: TaskName;
  engine: EngineName;
  dim: number;
  tokenizer: TokenizerConfig;
  schedule: FitSchedule;
  strategy: StrategyName;
  serverLearningRate: number;
  weighting: RegionWeighting;
  proximalMu?: number;
  maxTrainPerSource?: number;
  maxTestPerSource?: number;
  seed: number;
  /**
   * When set, every region also fine-tunes each of the three finished models
   * on its own training data with this same budget (see `adaptLocally`), and
   * the result reports those scores under `adapted` next to the plain ones.
   */
  adaptation?: LocalAdaptation;
}

/** Accuracy and macro-F1 on a region's held-out split. */
export interface RegimeScores {
  accuracy: number;
  macroF1: number;
}

/** The three regimes' scores on one region's held-out split. */
export interface RegimeComparison {
  federated: RegimeScores;
  centralized: RegimeScores;
  localOnly: RegimeScores;
}

export interface QualityExperimentResult {
  config: QualityExperimentConfig;
  /**
   * Per region: the plain models (`federated`, `centralized`, `localOnly`) and,
   * when `config.adaptation` is set, the same three after this region's local
   * adaptation (`adapted`).
   */
  regions: Record<RegionId, { trainExamples: number; testExamples: number; adapted?: RegimeComparison } & RegimeComparison>;
  /** The federated run's per-round curve (evaluation, per-region training time). */
  rounds: RoundReport[];
  seconds: { federated: number; centralized: number; localOnly: Record<RegionId, number>; adaptation?: Record<RegionId, number> };
  /** SHA-256 of the serialized federated model. */
  federatedModelHash: string;
  dropped: Record<string, Record<string, number>>;
}

/**
 * Trains a task three ways on the region split and scores each on every
 * region's held-out split: (a) federated over eu / sea / me, (b) centralized on
 * the pooled training data, (c) local-only per region. All three start from the
 * same initial weights and run the same epochs with the same learning-rate
 * decay. Evaluation uses the reference engine (same maths, faster); training
 * uses `config.engine`. With `config.adaptation`, each region then fine-tunes
 * all three finished models on its own training data with the same budget and
 * seed, and those scores are reported too (personalised FL, compared like for
 * like).
 *
 * @example
 * const r = await runQualityExperiment({ task: 'intent', engine: 'tfjs', dim: 64, tokenizer: DEFAULT_TOKENIZER_CONFIG, schedule, strategy: 'fedavg', serverLearningRate: 1.5, weighting: 'uniform', seed: 1 });
 * r.regions.eu.federated.accuracy - r.regions.eu.centralized.accuracy;
 */
export async function runQualityExperiment(config: QualityExperimentConfig, log: (line: string) => void = () => {}): Promise<QualityExperimentResult> {
  const data = loadRegionData(config.task, { maxTrainPerSource: config.maxTrainPerSource, maxTestPerSource: config.maxTestPerSource });
  const spec: ModelSpec = { task: config.task, labels: data.labels, dim: config.dim, tokenizer: config.tokenizer };
  const regions = REGION_IDS.map((region) => ({
    region,
    train: featurizeExamples(data.regions[region].train, spec.tokenizer),
    test: featurizeExamples(data.regions[region].test, spec.tokenizer),
  }));
  const engine = await loadEngine(config.engine);
  const initial = initWeights(spec, config.seed);
  const strategy = buildStrategy(config);
  const score = (w: Parameters<typeof evaluateModel>[0], test: Parameters<typeof evaluateModel>[2]): RegimeScores => {
    const r = evaluateModel(w, spec, test, referenceEngine);
    return { accuracy: r.accuracy, macroF1: r.macroF1 };
  };

  let t0 = performance.now();
  const fed = await simulateFederation({
    spec,
    regions,
    strategy,
    rounds: config.schedule.rounds,
    engine,
    evaluationEngine: referenceEngine,
    initialWeights: initial,
    seed: config.seed,
    onRound: (r) =>
      log(`${config.task} round ${r.round}/${config.schedule.rounds} ${r.seconds.toFixed(1)}s ${Object.entries(r.evaluation).map(([k, v]) => `${k} ${(v.accuracy * 100).toFixed(1)}%`).join(' ')}`),
  });
  const federatedSeconds = (performance.now() - t0) / 1000;

  t0 = performance.now();
  const central = await trainBaseline(spec, regions.flatMap((r) => r.train), config.schedule, engine, initial, config.seed);
  const centralizedSeconds = (performance.now() - t0) / 1000;
  log(`${config.task} centralized ${centralizedSeconds.toFixed(1)}s`);

  const localSeconds = {} as Record<RegionId, number>;
  const adaptationSeconds = {} as Record<RegionId, number>;
  const out = {} as QualityExperimentResult['regions'];
  for (const [k, r] of regions.entries()) {
    t0 = performance.now();
    const local = await trainBaseline(spec, r.train, config.schedule, engine, initial, config.seed);
    localSeconds[r.region] = (performance.now() - t0) / 1000;
    out[r.region] = {
      trainExamples: r.train.length,
      testExamples: r.test.length,
      federated: score(fed.weights, r.test),
      centralized: score(central, r.test),
      localOnly: score(local, r.test),
    };
    log(`${config.task} local-only ${r.region} ${localSeconds[r.region].toFixed(1)}s`);
    if (config.adaptation) {
      t0 = performance.now();
      // Same data, budget and batch order for all three: only the starting model differs.
      const adapt = (w: typeof local) => adaptLocally(w, r.train, config.adaptation as LocalAdaptation, spec, engine, config.seed * 7919 + k);
      out[r.region].adapted = {
        federated: score(await adapt(fed.weights), r.test),
        centralized: score(await adapt(central), r.test),
        localOnly: score(await adapt(local), r.test),
      };
      adaptationSeconds[r.region] = (performance.now() - t0) / 1000;
      log(`${config.task} local adaptation ${r.region} (3 models) ${adaptationSeconds[r.region].toFixed(1)}s`);
    }
  }
  return {
    config,
    regions: out,
    rounds: fed.rounds,
    seconds: { federated: federatedSeconds, centralized: centralizedSeconds, localOnly: localSeconds, ...(config.adaptation ? { adaptation: adaptationSeconds } : {}) },
    federatedModelHash: modelHash(serializeModel({ spec, weights: fed.weights }, { task: config.task, rounds: config.schedule.rounds })),
    dropped: data.dropped,
  };
}

function buildStrategy(config: QualityExperimentConfig): Strategy {
  const common = { schedule: config.schedule, weighting: config.weighting, serverLearningRate: config.serverLearningRate };
  switch (config.strategy) {
    case 'fedprox':
      return createStrategy('fedprox', { ...common, proximalMu: config.proximalMu ?? 0.01 });
    case 'fedadam':
      return createStrategy('fedadam', common);
    default:
      return createStrategy('fedavg', common);
  }
}
