import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { machineInfo, RESULTS_DIR, writeBenchResult } from './bench-result.ts';
import type { BenchResult } from './bench-result.ts';
import { loadRegionProfile } from '../core/src/policy/load-region-profile.ts';
import type { RegionId } from '../federation/src/data/region-id.ts';
import { REGION_IDS } from '../federation/src/data/region-id.ts';
import { loadRegionData } from '../federation/src/data/load-region-data.ts';
import { initWeights } from '../federation/src/model/init-weights.ts';
import type { ModelSpec } from '../federation/src/model/model-spec.ts';
import { referenceEngine } from '../federation/src/model/reference/reference-engine.ts';
import { DEFAULT_DP_PLAN, dpSettingsFor } from '../federation/src/privacy/default-dp-settings.ts';
import { lossThresholdAttack } from '../federation/src/privacy/loss-threshold-attack.ts';
import { membershipAdvantageBound } from '../federation/src/privacy/membership-advantage-bound.ts';
import { poissonStepsPerEpoch, poissonSubjectBatches } from '../federation/src/privacy/poisson-subject-batches.ts';
import { createRdpAccountant } from '../federation/src/privacy/rdp-accountant.ts';
import { createSecureRandom } from '../federation/src/privacy/secure-random.ts';
import { subjectDpSgd } from '../federation/src/privacy/subject-dp-sgd.ts';
import { subjectLosses } from '../federation/src/privacy/subject-losses.ts';
import type { SimulationResult } from '../federation/src/simulation/simulate-federation.ts';
import { simulateFederation } from '../federation/src/simulation/simulate-federation.ts';
import { createStrategy } from '../federation/src/strategy/strategies.ts';
import type { BatchPlanner } from '../federation/src/training/batch-planner.ts';
import { featurizeExamples } from '../federation/src/training/featurize-examples.ts';
import type { GradientTransform } from '../federation/src/training/gradient-transform.ts';
import type { TrainingExample } from '../federation/src/training/training-example.ts';
import { DEFAULT_TOKENIZER_CONFIG } from '../federation/src/tokenizer/tokenizer-config.ts';
import { fnv1a32 } from '../federation/src/tokenizer/fnv1a-32.ts';

/**
 * `npm run bench -- dp-tradeoff`: the ε–accuracy trade-off of subject-level
 * DP-SGD on the intent model (Banking77 / ArBanking77 over eu, sea, me), in
 * one run: non-private FedAvg, then the same federation with per-subject
 * clipping and Poisson subject sampling at ε = ∞ (no noise), 8, 3 and 1 (each
 * region's σ calibrated with the RDP accountant so that ALL rounds together
 * spend exactly that ε at δ = the profile's). Also the loss-threshold
 * membership-inference advantage on each final model (eu training subjects vs
 * eu subjects held out of training, same distribution) against the bound DP implies.
 * eu trains on half of its subjects in every run (the other half are the non-members).
 * Writes bench/results/dp-tradeoff.json and dp-tradeoff.svg.
 */

const PLAN = DEFAULT_DP_PLAN;
const ROUNDS = PLAN.plannedRounds;
const EPSILONS = [Number.POSITIVE_INFINITY, 8, 3, 1];
/** Non-private FedAvg: the schedule the launcher trains with. */
const schedule = { rounds: ROUNDS, localEpochs: 1, learningRate: 0.03, learningRateEnd: 0, batchSize: 64 };
/** Under DP each region runs the plan's own local schedule (what `dpTrainer` does with `localEpochs`/`learningRate`). */
const dpSchedule = { rounds: ROUNDS, localEpochs: PLAN.localEpochs ?? 1, learningRate: PLAN.learningRate ?? 0.03, learningRateEnd: PLAN.learningRate ?? 0.03, batchSize: 64 };

interface RegionData {
  region: RegionId;
  train: TrainingExample[];
  test: TrainingExample[];
  subjects: number;
}

/**
 * simulateFederation hands one planner and one transform to every region,
 * but DP settings are per region (N, so q and σ, differ). Regions train one
 * after the other and trainLocal plans the whole fit before its first step,
 * so the planner's call names the region the following steps belong to.
 */
function perRegionDp(spec: ModelSpec, regions: readonly RegionData[], sigmas: Record<RegionId, number>, seed: number): { planner: BatchPlanner; transform: GradientTransform } {
  const byExamples = new Map<readonly TrainingExample[], RegionData>(regions.map((r) => [r.train, r]));
  const random = createSecureRandom(new Uint8Array(32).fill(seed));
  const planners = new Map(regions.map((r) => [r.region, poissonSubjectBatches({ sampleRate: Math.min(1, PLAN.expectedSubjectsPerStep / r.subjects), maxExamplesPerSubject: PLAN.maxExamplesPerSubject, uniform: random.uniform })]));
  const transforms = new Map(regions.map((r) => [r.region, subjectDpSgd({ spec, clipNorm: PLAN.clipNorm, noiseMultiplier: sigmas[r.region], expectedSubjects: Math.min(PLAN.expectedSubjectsPerStep, r.subjects), random })]));
  let current: RegionId = 'eu';
  return {
    planner: (examples, batchSize, rnd) => {
      const r = byExamples.get(examples);
      if (!r) throw new Error('unknown region examples');
      current = r.region;
      return (planners.get(r.region) as BatchPlanner)(examples, batchSize, rnd);
    },
    transform: { name: 'subject-dp-sgd', combine: (c, ctx) => (transforms.get(current) as GradientTransform).combine(c, ctx) },
  };
}

export default async function run(): Promise<BenchResult> {
  const started = performance.now();
  const data = loadRegionData('intent');
  const spec: ModelSpec = { task: 'intent', labels: data.labels, dim: 64, tokenizer: DEFAULT_TOKENIZER_CONFIG };
  // Membership inference needs non-members from the members' distribution: eu's official test split
  // is not (eu's training half of Banking77 is label-skewed, and a model that learnt only the label
  // prior already "distinguishes" the splits). So half of eu's training subjects (by hash) sit out
  // of every run, the same in all of them, and serve as non-members.
  const euAll = featurizeExamples(data.regions.eu.train, spec.tokenizer);
  const heldOut = euAll.filter((x) => fnv1a32(x.subjectId) % 2 === 1);
  const regions: RegionData[] = REGION_IDS.map((region) => {
    const train = region === 'eu' ? euAll.filter((x) => fnv1a32(x.subjectId) % 2 === 0) : featurizeExamples(data.regions[region].train, spec.tokenizer);
    return { region, train, test: featurizeExamples(data.regions[region].test, spec.tokenizer), subjects: new Set(train.map((x) => x.subjectId)).size };
  });
  const budget = loadRegionProfile('eu').privacyBudget.intent as { epsilon: number; delta: number };
  const delta = budget.delta;
  const initial = initWeights(spec, 1);
  const sim = (localOptions?: { planner: BatchPlanner; transform: GradientTransform }): Promise<SimulationResult> =>
    simulateFederation({
      spec,
      regions: regions.map((r) => ({ region: r.region, train: r.train, test: r.test })),
      strategy: createStrategy('fedavg', { schedule: localOptions ? dpSchedule : schedule, serverLearningRate: 1.5 }),
      rounds: ROUNDS,
      engine: referenceEngine,
      initialWeights: initial,
      seed: 1,
      ...(localOptions ? { localOptions } : {}),
      onRound: (r) => console.log(`  round ${r.round} ${r.seconds.toFixed(1)}s ${Object.entries(r.evaluation).map(([k, v]) => `${k} ${(v.accuracy * 100).toFixed(1)}%`).join(' ')}`),
    });
  const eu = regions.find((r) => r.region === 'eu') as RegionData;
  const mia = (w: SimulationResult['weights']) => {
    const m = subjectLosses(w, spec, eu.train, referenceEngine);
    const n = subjectLosses(w, spec, heldOut, referenceEngine);
    return lossThresholdAttack([...m.values()], [...n.values()]);
  };

  console.log('non-private FedAvg');
  let t0 = performance.now();
  const plain = await sim();
  const plainSeconds = (performance.now() - t0) / 1000;
  const baseline = Object.fromEntries(Object.entries(plain.final).map(([k, v]) => [k, v.accuracy])) as Record<RegionId, number>;
  const plainMia = mia(plain.weights);

  const runs: Array<{ epsilon: number | 'inf'; spent: Record<RegionId, number>; sigma: Record<RegionId, number>; sampleRate: Record<RegionId, number>; steps: Record<RegionId, number>; accuracy: Record<RegionId, number>; macroF1: Record<RegionId, number>; membership: ReturnType<typeof mia> & { bound: number }; seconds: number }> = [];
  for (const [i, eps] of EPSILONS.entries()) {
    const sigma = {} as Record<RegionId, number>;
    const sampleRate = {} as Record<RegionId, number>;
    const steps = {} as Record<RegionId, number>;
    const spent = {} as Record<RegionId, number>;
    for (const r of regions) {
      const q = Math.min(1, PLAN.expectedSubjectsPerStep / r.subjects);
      sampleRate[r.region] = q;
      steps[r.region] = ROUNDS * dpSchedule.localEpochs * poissonStepsPerEpoch(q);
      sigma[r.region] = dpSettingsFor(PLAN, { epsilon: eps, delta }, r.subjects).noiseMultiplier;
      spent[r.region] = Number.isFinite(eps) ? createRdpAccountant().compose({ sampleRate: q, noiseMultiplier: sigma[r.region], steps: steps[r.region] }).epsilon(delta).epsilon : Number.POSITIVE_INFINITY;
    }
    console.log(`ε = ${eps}: σ ${JSON.stringify(sigma)}`);
    t0 = performance.now();
    const result = await sim(perRegionDp(spec, regions, sigma, i + 1));
    const m = mia(result.weights);
    runs.push({
      epsilon: Number.isFinite(eps) ? eps : 'inf',
      spent: Object.fromEntries(Object.entries(spent).map(([k, v]) => [k, Number.isFinite(v) ? v : -1])) as Record<RegionId, number>,
      sigma,
      sampleRate,
      steps,
      accuracy: Object.fromEntries(Object.entries(result.final).map(([k, v]) => [k, v.accuracy])) as Record<RegionId, number>,
      macroF1: Object.fromEntries(Object.entries(result.final).map(([k, v]) => [k, v.macroF1])) as Record<RegionId, number>,
      membership: { ...m, bound: membershipAdvantageBound(eps, delta) },
      seconds: (performance.now() - t0) / 1000,
    });
  }

  writeFileSync(resolve(RESULTS_DIR, 'dp-tradeoff.svg'), chart(runs, baseline));
  const atDefault = runs.find((r) => r.epsilon === budget.epsilon);
  const meanAcc = (a: Record<RegionId, number>) => REGION_IDS.reduce((s, r) => s + a[r], 0) / REGION_IDS.length;
  const measured = meanAcc(atDefault?.accuracy ?? baseline);
  const result: BenchResult = {
    benchmark: 'dp-tradeoff',
    measured: { name: `mean accuracy at ε = ${budget.epsilon} (subject-level DP-SGD)`, value: measured, unit: 'fraction' },
    baseline: { name: 'mean accuracy, non-private FedAvg', value: meanAcc(baseline), unit: 'fraction' },
    ratio: measured / meanAcc(baseline),
    target: 'report accuracy per region at ε ∈ {1, 3, 8, ∞} against the non-private federated model; membership advantage within the DP bound',
    met: runs.every((r) => r.membership.advantage <= r.membership.bound),
    details: {
      task: 'intent',
      spec: { dim: spec.dim, buckets: spec.tokenizer.buckets },
      schedule,
      dpSchedule,
      dp: { ...PLAN, expectedSubjectsPerStep: 'all subjects (q = 1)', delta, conversion: 'improved (Balle et al. 2020)', sampling: 'Poisson over subjects (q = 1: every subject, every step)' },
      subjects: Object.fromEntries(regions.map((r) => [r.region, r.subjects])),
      nonPrivate: { accuracy: baseline, membership: plainMia, seconds: plainSeconds },
      runs,
      totalSeconds: (performance.now() - started) / 1000,
    },
    notes: [
      'ε is per region and model over all rounds, for the subject as privacy unit (RDP accountant, Poisson sampling, improved conversion).',
      'ε = ∞ keeps clipping and Poisson subject sampling but adds no noise: it isolates the cost of the noise from that of clipping.',
      'Noise is dense over the whole 2^16 × 64 embedding (noising only touched rows would reveal the words used). The DP plan (federation/src/privacy/default-dp-settings.ts) uses full batches, 5 noisy steps per round and lr 0.3: an earlier plan (256 subjects per step, 1 epoch, lr 0.03) collapsed to a single class (1–2 % accuracy at ε = 8), because Adam moves each noise-only coordinate by about the learning rate every step.',
      'DP runs use the plan\'s local schedule (5 epochs at lr 0.3 per round); the non-private baseline uses the launcher\'s (1 epoch, lr 0.03 decaying to 0).',
      'Membership advantage: Yeom et al. 2018 loss threshold at the best threshold, eu training subjects vs the half of eu training subjects held out of every run (same distribution); bound (e^ε − 1 + 2δ)/(e^ε + 1). eu therefore trains on half its subjects in this bench.',
      'A first run of this bench used eu official-test subjects as non-members and measured 0.20–0.21 "advantage" for near-constant DP models: the label skew between eu train and test splits, not membership. Hence the same-distribution hold-out.',
    ],
  };
  const path = writeBenchResult(result, machineInfo());
  console.log(`wrote ${path}`);
  return result;
}

/** A hand-written SVG line chart: accuracy per region against ε, with the non-private accuracy as dashed lines. */
function chart(runs: ReadonlyArray<{ epsilon: number | 'inf'; accuracy: Record<RegionId, number> }>, baseline: Record<RegionId, number>): string {
  const W = 640, H = 400, L = 60, R = 150, T = 40, B = 50;
  const xs = ['1', '3', '8', '∞'];
  const xOf = (i: number) => L + ((W - L - R) * i) / (xs.length - 1);
  const yOf = (acc: number) => T + (H - T - B) * (1 - acc);
  const colors: Record<RegionId, string> = { eu: '#1f77b4', sea: '#2ca02c', me: '#d62728' };
  const key = (e: number | 'inf') => (e === 'inf' ? '∞' : String(e));
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  parts.push(`<text x="${W / 2 - 40}" y="22" font-size="14" text-anchor="middle">Intent accuracy vs ε (subject-level DP-SGD, δ = 1e-5)</text>`);
  for (let g = 0; g <= 10; g += 2) {
    const y = yOf(g / 10);
    parts.push(`<line x1="${L}" y1="${y}" x2="${W - R}" y2="${y}" stroke="#ddd"/><text x="${L - 8}" y="${y + 4}" text-anchor="end">${g * 10}%</text>`);
  }
  xs.forEach((x, i) => parts.push(`<text x="${xOf(i)}" y="${H - B + 18}" text-anchor="middle">${x}</text>`));
  parts.push(`<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle">ε (per region, all rounds)</text>`);
  parts.push(`<line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="black"/><line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="black"/>`);
  REGION_IDS.forEach((region, k) => {
    const pts = xs.map((x, i) => {
      const r = runs.find((run) => key(run.epsilon) === x);
      return r ? `${xOf(i)},${yOf(r.accuracy[region])}` : '';
    }).filter(Boolean);
    parts.push(`<polyline fill="none" stroke="${colors[region]}" stroke-width="2" points="${pts.join(' ')}"/>`);
    for (const p of pts) {
      const [cx, cy] = p.split(',');
      parts.push(`<circle cx="${cx}" cy="${cy}" r="3.5" fill="${colors[region]}"/>`);
    }
    const yb = yOf(baseline[region]);
    parts.push(`<line x1="${L}" y1="${yb}" x2="${W - R}" y2="${yb}" stroke="${colors[region]}" stroke-dasharray="6 4"/>`);
    parts.push(`<line x1="${W - R + 12}" y1="${T + 10 + k * 36}" x2="${W - R + 32}" y2="${T + 10 + k * 36}" stroke="${colors[region]}" stroke-width="2"/><text x="${W - R + 38}" y="${T + 14 + k * 36}">${region} DP</text>`);
    parts.push(`<line x1="${W - R + 12}" y1="${T + 26 + k * 36}" x2="${W - R + 32}" y2="${T + 26 + k * 36}" stroke="${colors[region]}" stroke-dasharray="6 4"/><text x="${W - R + 38}" y="${T + 30 + k * 36}">${region} non-private</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
