import { loadavg } from 'node:os';
import { machineInfo, writeBenchResult } from './bench-result.ts';
import type { BenchResult } from './bench-result.ts';
import { loadRegionData } from '../federation/src/data/load-region-data.ts';
import { REGION_IDS } from '../federation/src/data/region-id.ts';
import type { TaskName } from '../federation/src/data/task-name.ts';
import { TASK_LABELS, TASK_NAMES } from '../federation/src/data/task-name.ts';
import { createClassifier } from '../federation/src/inference/create-classifier.ts';
import { createMessageClassifier } from '../federation/src/inference/create-message-classifier.ts';
import type { MessageClassifier } from '../federation/src/inference/create-message-classifier.ts';
import type { FastTextEngine } from '../federation/src/model/fasttext-engine.ts';
import { initWeights } from '../federation/src/model/init-weights.ts';
import type { ModelSpec } from '../federation/src/model/model-spec.ts';
import { referenceEngine } from '../federation/src/model/reference/reference-engine.ts';
import { createTfjsEngine } from '../federation/src/model/tfjs/tfjs-engine.ts';
import { addWeights } from '../federation/src/model/add-weights.ts';
import { hashFeatures } from '../federation/src/tokenizer/hash-features.ts';
import { DEFAULT_TOKENIZER_CONFIG } from '../federation/src/tokenizer/tokenizer-config.ts';
import { featurizeExamples } from '../federation/src/training/featurize-examples.ts';
import { trainLocal } from '../federation/src/training/train-local.ts';
import type { Weights } from '../federation/src/model/weights.ts';

/**
 * `npm run bench -- inference`: single-message latency (p50/p99) and batch
 * throughput of the three-model classification (intent, sentiment, emotion),
 * TF.js on WASM against the plain-TypeScript engine computing the same maths
 * (the machine's practical limit for this model), plus training wall time per
 * round per region for both engines.
 */

const SINGLE = 2000;
const WARMUP = 200;
const BATCH_SIZES = [1, 32, 256];
const TRAIN_CAP = 8000;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

function latency(fn: (text: string) => unknown, texts: readonly string[]): { p50: number; p90: number; p99: number; max: number; mean: number } {
  for (let i = 0; i < WARMUP; i++) fn(texts[i % texts.length] as string);
  const times: number[] = [];
  for (let i = 0; i < SINGLE; i++) {
    const t = texts[(i * 7919) % texts.length] as string;
    const t0 = performance.now();
    fn(t);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { p50: r(quantile(times, 0.5)), p90: r(quantile(times, 0.9)), p99: r(quantile(times, 0.99)), max: r(times.at(-1) ?? 0), mean: r(times.reduce((a, b) => a + b, 0) / times.length) };
}

function throughput(mc: MessageClassifier, texts: readonly string[], batch: number): number {
  const rounds = Math.max(2, Math.ceil(2000 / batch));
  mc.classifyBatch(texts.slice(0, batch));
  const t0 = performance.now();
  let n = 0;
  for (let r = 0; r < rounds; r++) {
    const start = (r * batch) % Math.max(1, texts.length - batch);
    n += mc.classifyBatch(texts.slice(start, start + batch)).length;
  }
  return Math.round(n / ((performance.now() - t0) / 1000));
}

export default async function inferenceBench(): Promise<void> {
  const loadAtStart = Math.round((loadavg()[0] ?? 0) * 100) / 100;
  const tfjs = await createTfjsEngine();
  const engines: Record<string, FastTextEngine> = { tfjs, reference: referenceEngine };
  const data = Object.fromEntries(TASK_NAMES.map((t) => [t, loadRegionData(t, { maxTrainPerSource: TRAIN_CAP })])) as Record<TaskName, ReturnType<typeof loadRegionData>>;
  const specs = Object.fromEntries(TASK_NAMES.map((t) => [t, { task: t, labels: TASK_LABELS[t], dim: 64, tokenizer: DEFAULT_TOKENIZER_CONFIG } satisfies ModelSpec])) as Record<TaskName, ModelSpec>;

  // Training wall time per round per region: one local epoch from the same
  // global weights, each engine, every task and region. The trained weights
  // (TF.js, EU) then serve the latency runs, so predictions are real ones.
  const training: Record<string, Record<string, Record<string, number>>> = {};
  const trained = {} as Record<TaskName, Weights>;
  for (const task of TASK_NAMES) {
    const spec = specs[task];
    const global = initWeights(spec, 1);
    training[task] = {};
    for (const [name, engine] of Object.entries(engines)) {
      const perRegion: Record<string, number> = {};
      for (const region of REGION_IDS) {
        const examples = featurizeExamples(data[task].regions[region].train, spec.tokenizer);
        const t0 = performance.now();
        const fit = await trainLocal(global, examples, { round: 1, localEpochs: 1, learningRate: 0.03, learningRateEnd: 0.027, proximalMu: 0, batchSize: 64 }, { spec, region, engine });
        perRegion[`${region} (${examples.length} msgs)`] = Math.round((performance.now() - t0) / 10) / 100;
        if (name === 'tfjs' && region === 'eu') trained[task] = addWeights(global, fit.delta);
      }
      training[task][name] = perRegion;
      console.log(`  training ${task} ${name}: ${JSON.stringify(perRegion)} s/round`);
    }
  }

  // Real customer messages from every region's held-out split.
  const texts = REGION_IDS.flatMap((r) => TASK_NAMES.flatMap((t) => data[t].regions[r].test.slice(0, 300).map((x) => x.text)));
  const tokenize = latency((t) => hashFeatures(t), texts);
  const single: Record<string, unknown> = {};
  const batches: Record<string, Record<string, number>> = {};
  const singleAll: Record<string, { p50: number; p99: number }> = {};
  for (const [name, engine] of Object.entries(engines)) {
    const clfs = Object.fromEntries(TASK_NAMES.map((t) => [t, createClassifier({ spec: specs[t], weights: trained[t] }, engine)])) as Record<TaskName, ReturnType<typeof createClassifier>>;
    const mc = createMessageClassifier(clfs);
    const intentOnly = latency((t) => clfs.intent.classify(t), texts);
    const all = latency((t) => mc.classify(t), texts);
    single[name] = { intentOnlyMs: intentOnly, threeModelsMs: all };
    singleAll[name] = all;
    batches[name] = Object.fromEntries(BATCH_SIZES.map((b) => [`batch ${b}`, throughput(mc, texts, b)]));
    console.log(`  ${name}: single message (3 models) p50 ${all.p50} ms p99 ${all.p99} ms; throughput ${JSON.stringify(batches[name])} msgs/s`);
  }
  const tf = singleAll.tfjs as { p50: number; p99: number };
  const ts = singleAll.reference as { p50: number; p99: number };
  const result: BenchResult = {
    benchmark: 'inference',
    measured: { name: 'p99 single-message classification (intent+sentiment+emotion), TF.js WASM', value: tf.p99, unit: 'ms' },
    baseline: { name: 'p99 same maths in plain TypeScript (machine limit)', value: ts.p99, unit: 'ms' },
    ratio: tf.p99 / ts.p99,
    target: 'p99 <= 5 ms per message on this machine (TF.js WASM, all three models, tokenizing included)',
    met: tf.p99 <= 5,
    details: {
      backend: tfjs.backend,
      // Other processes share these 2 cores (CI, other test runs): timings are only comparable within one run.
      loadAverage1m: { atStart: loadAtStart, atEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100 },
      messages: texts.length,
      singleMessageMs: single,
      tokenizeOnlyMs: tokenize,
      throughputMessagesPerSecond: batches,
      trainingSecondsPerRoundPerRegion: training,
      trainingNote: `one local epoch, batch 64, lazy Adam; sentiment and emotion sources capped at ${TRAIN_CAP} messages as in federation-quality`,
    },
    notes: [
      'Each TF.js call pays a fixed cost (tensor uploads, kernel dispatch, dataSync) that dominates single-message latency; batching amortises it.',
      'The plain-TypeScript engine computes the same forward pass (tested equal to 1e-5) and is the machine-limit baseline; routing can use either engine.',
      'Training time per round includes tokenization-free steps only (messages are featurized once before training).',
    ],
  };
  const path = writeBenchResult(result, machineInfo());
  console.log(`inference: TF.js p99 ${tf.p99} ms vs plain TS p99 ${ts.p99} ms -> ${path}`);
}
