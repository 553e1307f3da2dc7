import { describe, expect, it } from 'vitest';
import { addWeights } from '../src/model/add-weights.ts';
import { buildFeatureBatch } from '../src/model/feature-batch.ts';
import { initWeights } from '../src/model/init-weights.ts';
import { referenceEngine } from '../src/model/reference/reference-engine.ts';
import { seededRandom } from '../src/model/seeded-random.ts';
import { sparseGradientSquaredNorm } from '../src/model/sparse-gradient.ts';
import { createTfjsEngine } from '../src/model/tfjs/tfjs-engine.ts';
import type { Weights } from '../src/model/weights.ts';
import { subjectBatches } from '../src/training/batch-planner.ts';
import { evaluateModel } from '../src/training/evaluate-model.ts';
import type { GradientTransform } from '../src/training/gradient-transform.ts';
import { meanOfContributions } from '../src/training/mean-of-contributions.ts';
import { sumSparseGradients } from '../src/training/sum-sparse-gradients.ts';
import { trainLocal } from '../src/training/train-local.ts';
import { TINY_SPEC, toyExamples } from './helpers.ts';

const train = toyExamples(400, 1);
const test = toyExamples(200, 2);
const config = { round: 1, localEpochs: 3, learningRate: 0.05, proximalMu: 0, batchSize: 16 };
const options = { spec: TINY_SPEC, region: 'eu', engine: referenceEngine, seed: 5 };
const norm = (w: Weights) => Math.sqrt(Object.values(w).reduce((s, t) => s + t.reduce((a, x) => a + x * x, 0), 0));

describe('trainLocal', () => {
  it('learns the toy task and returns delta = local − global without touching the global weights', async () => {
    const global = initWeights(TINY_SPEC, 1);
    const before = global['output/kernel']?.slice();
    const fit = await trainLocal(global, train, config, options);
    expect(Array.from(global['output/kernel'] ?? [])).toEqual(Array.from(before ?? []));
    expect(fit.region).toBe('eu');
    expect(fit.numExamples).toBe(400);
    expect(fit.metrics?.steps).toBe(3 * 25);
    const local = addWeights(global, fit.delta);
    expect(evaluateModel(local, TINY_SPEC, test, referenceEngine).accuracy).toBeGreaterThan(0.9);
    expect(evaluateModel(global, TINY_SPEC, test, referenceEngine).accuracy).toBeLessThan(0.5);
  });

  it('is deterministic for a seed', async () => {
    const global = initWeights(TINY_SPEC, 1);
    const a = await trainLocal(global, train, config, options);
    const b = await trainLocal(global, train, config, options);
    expect(Array.from(a.delta.embedding ?? [])).toEqual(Array.from(b.delta.embedding ?? []));
  });

  it('FedProx μ keeps the local model closer to the global one', async () => {
    const global = initWeights(TINY_SPEC, 1);
    const free = await trainLocal(global, train, config, options);
    const prox = await trainLocal(global, train, { ...config, proximalMu: 5 }, options);
    expect(norm(prox.delta)).toBeLessThan(0.8 * norm(free.delta));
  });

  it('per-subject contributions sum to the batch gradient, so the mean transform changes nothing', async () => {
    const global = initWeights(TINY_SPEC, 1);
    const seen: { subjects: number; examples: number }[] = [];
    const spy: GradientTransform = {
      name: 'spy',
      combine(contributions, ctx) {
        const ids = contributions.map((c) => c.subjectId);
        expect(new Set(ids).size).toBe(ids.length);
        seen.push({ subjects: ids.length, examples: contributions.reduce((n, c) => n + c.numExamples, 0) });
        expect(ctx.batchExamples).toBe(contributions.reduce((n, c) => n + c.numExamples, 0));
        return meanOfContributions(TINY_SPEC.dim).combine(contributions, ctx);
      },
    };
    const plain = await trainLocal(global, train, config, options);
    const viaSubjects = await trainLocal(global, train, config, { ...options, transform: spy });
    expect(seen.length).toBe(75);
    const a = plain.delta['output/kernel'] as Float32Array;
    const b = viaSubjects.delta['output/kernel'] as Float32Array;
    a.forEach((x, i) => expect(b[i]).toBeCloseTo(x, 4));
    // And directly: Σ per-subject 'sum' gradients = batch 'sum' gradient.
    const batchXs = train.slice(0, 16);
    const whole = referenceEngine.lossAndGradient(global, TINY_SPEC, buildFeatureBatch(batchXs.map((x) => x.features)), Int32Array.from(batchXs, (x) => x.label), 'sum');
    const bySubject = new Map<string, typeof batchXs>();
    for (const x of batchXs) bySubject.set(x.subjectId, [...(bySubject.get(x.subjectId) ?? []), x]);
    const parts = [...bySubject.values()].map(
      (xs) => referenceEngine.lossAndGradient(global, TINY_SPEC, buildFeatureBatch(xs.map((x) => x.features)), Int32Array.from(xs, (x) => x.label), 'sum').gradient,
    );
    const summed = sumSparseGradients(parts, TINY_SPEC.dim);
    expect(sparseGradientSquaredNorm(summed)).toBeCloseTo(sparseGradientSquaredNorm(whole.gradient), 5);
  });

  it('a transform can bound each subject (clipping sketch) and the bound holds', async () => {
    const global = initWeights(TINY_SPEC, 1);
    const C = 0.1;
    let maxSeen = 0;
    const clip: GradientTransform = {
      name: 'clip',
      combine(contributions, ctx) {
        const clipped = contributions.map((c) => {
          const n = Math.sqrt(sparseGradientSquaredNorm(c.gradient));
          const s = Math.min(1, C / Math.max(n, 1e-12));
          const g = sumSparseGradients([c.gradient], TINY_SPEC.dim, s);
          maxSeen = Math.max(maxSeen, Math.sqrt(sparseGradientSquaredNorm(g)));
          return g;
        });
        return sumSparseGradients(clipped, TINY_SPEC.dim, 1 / ctx.batchExamples);
      },
    };
    await trainLocal(global, train, config, { ...options, transform: clip, planner: subjectBatches(2) });
    expect(maxSeen).toBeLessThanOrEqual(C * (1 + 1e-6));
  });

  it('subjectBatches brings at most k messages per subject per epoch', () => {
    const batches = subjectBatches(1)(train, 16, seededRandom(3));
    const used = batches.flat().map((i) => train[i]?.subjectId);
    expect(new Set(used).size).toBe(used.length);
    expect(new Set(train.map((x) => x.subjectId)).size).toBe(used.length);
  });

  it('trains the same with the TF.js engine as with the reference', async () => {
    const tfjs = await createTfjsEngine();
    const global = initWeights(TINY_SPEC, 1);
    const short = { ...config, localEpochs: 1 };
    const r = await trainLocal(global, train.slice(0, 64), short, options);
    const t = await trainLocal(global, train.slice(0, 64), short, { ...options, engine: tfjs });
    const a = r.delta['output/kernel'] as Float32Array;
    const b = t.delta['output/kernel'] as Float32Array;
    a.forEach((x, i) => expect(b[i]).toBeCloseTo(x, 3));
  });

  it('refuses an invalid config', async () => {
    await expect(trainLocal(initWeights(TINY_SPEC, 1), train, { ...config, batchSize: 0 }, options)).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
