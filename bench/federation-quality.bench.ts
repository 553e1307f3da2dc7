import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { machineInfo, writeBenchResult } from './bench-result.ts';
import type { BenchResult } from './bench-result.ts';
import type { QualityExperimentConfig, QualityExperimentResult, RegimeComparison } from '../federation/src/simulation/quality-experiment.ts';
import { DEFAULT_TOKENIZER_CONFIG } from '../federation/src/tokenizer/tokenizer-config.ts';
import type { TaskName } from '../federation/src/data/task-name.ts';
import { adaptationOf, ONE_LOCAL_EPOCH, TASK_PERSONALIZATION } from '../federation/src/data/task-personalization.ts';

/**
 * `npm run bench -- federation-quality`: per region, on its held-out split,
 * accuracy and macro-F1 of (a) federated, (b) centralized pooled and (c)
 * local-only training, for intent, sentiment and emotion. Tasks run in two
 * worker threads (one per core: TF.js on WASM is single-threaded).
 *
 * Two protocols, both measured for every task in the same run:
 * - plain: the models as trained (`details.<task>.plainFedAvg`);
 * - personalised FL, "federated + local adaptation": after training, each
 *   region fine-tunes the model on its own training data with the served
 *   budget (one epoch, lr 0.01 → 0). The SAME step, budget and batch order is applied to the
 *   centralized and the local-only model, so (a), (b), (c) all mean
 *   "<regime>-trained model + one local epoch" and the comparison stays fair
 *   (`details.<task>.localAdaptation`).
 * Each task's verdict uses the protocol its nodes serve, read from
 * `TASK_PERSONALIZATION` (federation/src/data/task-personalization.ts, the one
 * place that decides it): intent serves the global model (plain); sentiment and
 * emotion serve the global model adapted on each region's data, with the budget
 * set there. `met` requires all three tasks' targets.
 */
// Published reference points, cited in the result.
const PUBLISHED = {
  banking77: {
    source: 'Casanueva et al. 2020, "Efficient Intent Detection with Dual Sentence Encoders", NLP4ConvAI, Table 3 (full training data, official test set)',
    url: 'https://aclanthology.org/2020.nlp4convai-1.5/',
    bertTunedAccuracy: 93.66,
    useConvertAccuracy: 93.36,
  },
  arbanking77: {
    source: 'Jarrar et al. 2023, "ArBanking77: Intent Detection Neural Model and a New Dataset in Modern and Dialectical Arabic", ArabicNLP 2023 (fine-tuned AraBERT)',
    url: 'https://aclanthology.org/2023.arabicnlp-1.22/',
    araBertMsaF1: 92.09,
    araBertPalF1: 89.95,
  },
};

// Adapted tasks are measured with the budget their nodes serve; intent, served global, is measured
// with the same one-epoch budget too, so details.intent.localAdaptation shows why it is not adapted.
const budgetOf = (task: TaskName) => adaptationOf(task) ?? ONE_LOCAL_EPOCH;
const base = { engine: 'tfjs' as const, dim: 64, tokenizer: DEFAULT_TOKENIZER_CONFIG, strategy: 'fedavg' as const, serverLearningRate: 1.5, weighting: 'uniform' as const, seed: 1 };
const CONFIGS: QualityExperimentConfig[] = [
  { ...base, task: 'intent', adaptation: budgetOf('intent'), schedule: { rounds: 10, localEpochs: 1, learningRate: 0.03, learningRateEnd: 0, batchSize: 64 } },
  // Sentiment and emotion sources are capped at 8,000 training messages each (Wisesight, ArSarcasm,
  // GoEmotions are larger) to keep the whole bench within ~15 minutes on 2 cores.
  { ...base, task: 'sentiment', adaptation: budgetOf('sentiment'), maxTrainPerSource: 8000, schedule: { rounds: 5, localEpochs: 1, learningRate: 0.03, learningRateEnd: 0, batchSize: 64 } },
  { ...base, task: 'emotion', adaptation: budgetOf('emotion'), maxTrainPerSource: 8000, schedule: { rounds: 5, localEpochs: 1, learningRate: 0.03, learningRateEnd: 0, batchSize: 64 } },
];

function runInWorker(config: QualityExperimentConfig): Promise<QualityExperimentResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('../federation/src/simulation/quality-experiment-worker.ts', import.meta.url), { workerData: config });
    w.on('message', (m: { type: 'log'; line: string } | { type: 'result'; result: QualityExperimentResult }) => {
      if (m.type === 'log') console.log(`  ${m.line}`);
      else {
        resolve(m.result);
        void w.terminate();
      }
    });
    w.on('error', reject);
    w.on('exit', (code) => {
      if (code !== 0) reject(new Error(`quality worker for ${config.task} exited with ${code}`));
    });
  });
}

async function runAll(configs: readonly QualityExperimentConfig[], parallel: number): Promise<QualityExperimentResult[]> {
  const results: QualityExperimentResult[] = new Array(configs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < configs.length) {
        const i = next++;
        results[i] = await runInWorker(configs[i] as QualityExperimentConfig);
      }
    }),
  );
  return results;
}

const pct = (x: number) => Math.round(x * 10000) / 100;

type Protocol = 'adapted' | 'plain';

// The verdict judges what the nodes serve (why each task is served as it is: task-personalization.ts).
const protocolOf = (task: TaskName): Protocol => (TASK_PERSONALIZATION[task].kind === 'global' ? 'plain' : 'adapted');
const PROTOCOL_OF = Object.fromEntries(Object.keys(TASK_PERSONALIZATION).map((t) => [t, protocolOf(t as TaskName)])) as Readonly<Record<TaskName, Protocol>>;

/** The three regimes' scores per region under a protocol. */
function comparisons(r: QualityExperimentResult, protocol: Protocol): [string, RegimeComparison][] {
  return Object.entries(r.regions).map(([k, v]) => {
    if (protocol === 'plain') return [k, v];
    if (!v.adapted) throw new Error(`no adapted scores for ${r.config.task} ${k}`);
    return [k, v.adapted];
  });
}

function verdict(r: QualityExperimentResult, protocol: Protocol) {
  const regions = comparisons(r, protocol);
  const gaps = Object.fromEntries(
    regions.map(([k, v]) => [
      k,
      {
        accuracyFedMinusCentral: pct(v.federated.accuracy - v.centralized.accuracy),
        macroF1FedMinusCentral: pct(v.federated.macroF1 - v.centralized.macroF1),
        accuracyFedMinusLocal: pct(v.federated.accuracy - v.localOnly.accuracy),
      },
    ]),
  );
  const mean = (f: (v: (typeof regions)[number][1]) => number) => regions.reduce((s, [, v]) => s + f(v), 0) / regions.length;
  const withinCentral = regions.every(([, v]) => v.federated.accuracy >= v.centralized.accuracy - 0.015 && v.federated.macroF1 >= v.centralized.macroF1 - 0.015);
  const aboveLocal = mean((v) => v.federated.accuracy) > mean((v) => v.localOnly.accuracy);
  return {
    gaps,
    meanAccuracy: { federated: pct(mean((v) => v.federated.accuracy)), centralized: pct(mean((v) => v.centralized.accuracy)), localOnly: pct(mean((v) => v.localOnly.accuracy)) },
    meanMacroF1: { federated: pct(mean((v) => v.federated.macroF1)), centralized: pct(mean((v) => v.centralized.macroF1)), localOnly: pct(mean((v) => v.localOnly.macroF1)) },
    withinCentral,
    aboveLocal,
    met: withinCentral && aboveLocal,
  };
}

function protocolReport(r: QualityExperimentResult, protocol: Protocol) {
  const vv = verdict(r, protocol);
  return {
    verdict: { withinCentralOnEveryRegion: vv.withinCentral, federatedAboveLocalOnAverage: vv.aboveLocal, met: vv.met },
    meanAccuracy: vv.meanAccuracy,
    meanMacroF1: vv.meanMacroF1,
    gapsInPoints: vv.gaps,
    perRegion: Object.fromEntries(
      comparisons(r, protocol).map(([k, x]) => [
        k,
        {
          trainExamples: r.regions[k as keyof typeof r.regions].trainExamples,
          testExamples: r.regions[k as keyof typeof r.regions].testExamples,
          federated: { accuracy: pct(x.federated.accuracy), macroF1: pct(x.federated.macroF1) },
          centralized: { accuracy: pct(x.centralized.accuracy), macroF1: pct(x.centralized.macroF1) },
          localOnly: { accuracy: pct(x.localOnly.accuracy), macroF1: pct(x.localOnly.macroF1) },
        },
      ]),
    ),
  };
}

const PROTOCOL_ADAPTED = {
  name: 'personalised FL: federated + local adaptation, like for like',
  a: 'federated: FedAvg global model after all rounds, then local fine-tuning on this region’s training data with the budget the nodes serve (details.<task>.config.adaptation; epochs at lr -> 0)',
  b: 'centralized: one model trained on the pooled training data of all regions for rounds x local epochs, then the same local fine-tuning on this region’s training data',
  c: 'local-only: trained on this region’s data alone for rounds x local epochs, then the same local fine-tuning',
};
const PROTOCOL_PLAIN = {
  name: 'plain: the trained models as they are, no adaptation',
  a: 'federated: the FedAvg global model after all rounds (the same model for every region)',
  b: 'centralized: one model trained on the pooled data for rounds x local epochs',
  c: 'local-only: this region’s data alone for rounds x local epochs',
};

export default async function federationQuality(): Promise<void> {
  const loadAtStart = Math.round((loadavg()[0] ?? 0) * 100) / 100;
  const started = performance.now();
  const results = await runAll(CONFIGS, 2);
  const byTask = Object.fromEntries(results.map((r) => [r.config.task, r])) as Record<TaskName, QualityExperimentResult>;
  const intent = byTask.intent;
  const v = verdict(intent, PROTOCOL_OF.intent);
  const eu = intent.regions.eu;
  const sea = intent.regions.sea;
  // The EU and SEA test halves together are exactly the official Banking77 test set.
  const onBanking77 = (a: number, b: number) => (a * eu.testExamples + b * sea.testExamples) / (eu.testExamples + sea.testExamples);
  const banking77Accuracy = onBanking77(eu.federated.accuracy, sea.federated.accuracy);
  const banking77Adapted = onBanking77(eu.adapted?.federated.accuracy ?? NaN, sea.adapted?.federated.accuracy ?? NaN);
  const arMacroF1 = intent.regions.me.federated.macroF1;
  const details: Record<string, unknown> = {
    protocols: { plainFedAvg: PROTOCOL_PLAIN, localAdaptation: PROTOCOL_ADAPTED, usedForVerdict: PROTOCOL_OF, source: 'TASK_PERSONALIZATION (federation/src/data/task-personalization.ts): what the nodes serve' },
    published: {
      ...PUBLISHED,
      note: 'federatedOn* is the single global FedAvg model (plain protocol); adaptedFederatedOnBanking77Test uses the EU and SEA adapted models on their halves',
      federatedOnBanking77Test: pct(banking77Accuracy),
      adaptedFederatedOnBanking77Test: pct(banking77Adapted),
      gapToBertTuned: pct(banking77Accuracy - PUBLISHED.banking77.bertTunedAccuracy / 100),
      gapToUseConvert: pct(banking77Accuracy - PUBLISHED.banking77.useConvertAccuracy / 100),
      federatedOnArBanking77MsaTestMacroF1: pct(arMacroF1),
      gapToAraBertMsaF1: pct(arMacroF1 - PUBLISHED.arbanking77.araBertMsaF1 / 100),
    },
    wallSeconds: Math.round((performance.now() - started) / 1000),
    // Other processes share these 2 cores (CI, other test runs): timings are only comparable within one run.
    loadAverage1m: { atStart: loadAtStart, atEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100 },
  };
  const met: Record<string, boolean> = {};
  for (const r of results) {
    const protocol = PROTOCOL_OF[r.config.task];
    const primary = protocolReport(r, protocol);
    met[r.config.task] = primary.verdict.met;
    details[r.config.task] = {
      protocol,
      servedAs: TASK_PERSONALIZATION[r.config.task],
      ...primary,
      plainFedAvg: protocolReport(r, 'plain'),
      localAdaptation: protocolReport(r, 'adapted'),
      federatedCurve: r.rounds.map((rd) => ({ round: rd.round, accuracy: Object.fromEntries(Object.entries(rd.evaluation).map(([k, e]) => [k, pct(e.accuracy)])) })),
      trainingSecondsPerRoundPerRegion: r.rounds.map((rd) => Object.fromEntries(Object.entries(rd.fit).map(([k, f]) => [k, Math.round(f.seconds * 100) / 100]))),
      seconds: r.seconds,
      federatedModelHash: r.federatedModelHash,
      config: r.config,
      droppedWhileCleaning: r.dropped,
    };
  }
  details.metByTask = met;
  const result: BenchResult = {
    benchmark: 'federation-quality',
    measured: { name: 'intent accuracy, federated (mean of eu/sea/me held-out)', value: v.meanAccuracy.federated, unit: '%' },
    baseline: { name: 'intent accuracy, centralized pooled (mean of eu/sea/me held-out)', value: v.meanAccuracy.centralized, unit: '%' },
    ratio: v.meanAccuracy.federated / v.meanAccuracy.centralized,
    target:
      'intent, sentiment and emotion, each under its protocol (details.protocols.usedForVerdict: intent plain, sentiment and emotion federated + local adaptation against centralized + the same adaptation): federated within 1.5 points of centralized (accuracy and macro-F1) on every region, and above local-only on average',
    met: Object.values(met).every(Boolean),
    details,
    notes: [
      'Model: fastText-style hashed word+char n-gram bag (2^16 buckets x 64 dims), mean-pooled, linear softmax; trained with TF.js on WASM (lazy Adam, lr 0.03 decaying linearly to 0).',
      'Federation: FedAvg, uniform region weighting, server learning rate 1.5; one local epoch per round. Size-weighted FedAvg collapsed the English regions after round 1 (ArBanking77 is 68% of the intent data), as TOOLCHAIN.md warned.',
      'Centralized and local-only run the same number of epochs (rounds x local epochs) with the same learning-rate decay, from the same initial weights.',
      'Each task is judged by what its region nodes serve (TASK_PERSONALIZATION): intent the global model; sentiment and emotion the global model adapted by each region on its own training data after every federated training run, stored in that region only.',
      'Local adaptation protocol (sentiment, emotion): every model — federated, centralized and local-only — gets the same one-epoch local fine-tuning per region (same data, learning rate, batch order). details.<task>.plainFedAvg and .localAdaptation hold both protocols for every task.',
      'Sentiment and emotion: noisy multilingual tweets/subtitles in different languages per region with different label priors, so one shared head fits no region; plain FedAvg misses the targets there (details.<task>.plainFedAvg.verdict). Their training sources are capped at 8,000 messages each for time.',
      'Published baselines are large pretrained encoders; this model has no pretraining and trains in seconds per round on 2 CPU cores.',
    ],
  };
  const path = writeBenchResult(result, machineInfo());
  for (const r of results) {
    const d = details[r.config.task] as { plainFedAvg: ReturnType<typeof protocolReport>; localAdaptation: ReturnType<typeof protocolReport> };
    const line = (x: ReturnType<typeof protocolReport>) => `fed ${x.meanAccuracy.federated}% / central ${x.meanAccuracy.centralized}% / local ${x.meanAccuracy.localOnly}% met=${x.verdict.met}`;
    console.log(`federation-quality: ${r.config.task} [${PROTOCOL_OF[r.config.task]}] plain ${line(d.plainFedAvg)}; adapted ${line(d.localAdaptation)}`);
  }
  console.log(`federation-quality -> ${path}`);
}
