import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FastTextEngine } from '../../src/model/fasttext-engine.ts';
import { initWeights } from '../../src/model/init-weights.ts';
import { referenceEngine } from '../../src/model/reference/reference-engine.ts';
import type { SparseGradient } from '../../src/model/sparse-gradient.ts';
import type { GradientTransform } from '../../src/training/gradient-transform.ts';
import type { SubjectContribution } from '../../src/training/subject-contribution.ts';
import { trainLocal } from '../../src/training/train-local.ts';
import { clipSparseGradient } from '../../src/privacy/clip-sparse-gradient.ts';
import { poissonStepsPerEpoch, poissonSubjectBatches } from '../../src/privacy/poisson-subject-batches.ts';
import { createSecureRandom } from '../../src/privacy/secure-random.ts';
import { subjectDpSgd } from '../../src/privacy/subject-dp-sgd.ts';
import { seededRandom } from '../../src/model/seeded-random.ts';
import { TINY_SPEC, toyExamples } from '../helpers.ts';

const D = TINY_SPEC.dim;
const C = TINY_SPEC.labels.length;
const SEED = new Uint8Array(32).fill(7);

/** L2 norm in double precision of the DENSE gradient a sparse one stands for (duplicate rows summed). */
function denseNorm(g: SparseGradient): number {
  const rows = new Map<number, Float64Array>();
  g.rows.forEach((r, k) => {
    const acc = rows.get(r) ?? new Float64Array(D);
    for (let d = 0; d < D; d++) acc[d] = (acc[d] as number) + (g.embedding[k * D + d] as number);
    rows.set(r, acc);
  });
  let s = 0;
  for (const a of rows.values()) for (const x of a) s += x * x;
  for (const t of [g.kernel, g.bias]) for (const x of t) s += x * x;
  return Math.sqrt(s);
}

const sparseGradient = fc
  .record({
    rows: fc.array(fc.integer({ min: 0, max: TINY_SPEC.tokenizer.buckets - 1 }), { minLength: 0, maxLength: 12 }),
    scale: fc.constantFrom(1e-6, 1, 1e3, 1e15, 1e30),
    seed: fc.integer(),
  })
  .map(({ rows, scale, seed }): SparseGradient => {
    const rnd = seededRandom(seed);
    const v = (n: number) => Float32Array.from({ length: n }, () => (rnd() * 2 - 1) * scale);
    return { rows: Int32Array.from(rows), embedding: v(rows.length * D), kernel: v(D * C), bias: v(C) };
  });

describe('per-subject clipping', () => {
  it('never leaves a contribution above C, over all tensors, for any gradient (including huge ones and duplicate rows)', () => {
    fc.assert(
      fc.property(sparseGradient, fc.constantFrom(0.1, 1, 3), (g, clip) => {
        const before = denseNorm(g);
        const { gradient } = clipSparseGradient(g, clip, D);
        const after = denseNorm(gradient);
        expect(after).toBeLessThanOrEqual(clip);
        // Within the bound it is untouched (up to the duplicate-row merge).
        if (before <= clip) expect(after).toBeCloseTo(before, 4);
        else expect(after).toBeGreaterThan(clip * 0.999);
      }),
      { numRuns: 300 },
    );
  });

  it('zeroes a non-finite contribution (still within the bound)', () => {
    const g: SparseGradient = { rows: Int32Array.of(1), embedding: new Float32Array(D).fill(Number.POSITIVE_INFINITY), kernel: new Float32Array(D * C), bias: Float32Array.of(Number.NaN, 0, 0) };
    const r = clipSparseGradient(g, 1, D);
    expect(r.factor).toBe(0);
    expect(denseNorm(r.gradient)).toBe(0);
  });

  it('bounds each SUBJECT inside real training, even a subject whose gradients are 1e20 times too large', async () => {
    // The adversary's messages carry a marker bucket no one else uses; the engine scales any
    // gradient that touches it by 1e20 (a poisoned or outlier subject).
    const MARK = TINY_SPEC.tokenizer.buckets - 1;
    const examples = toyExamples(300, 3).map((x) => ({ ...x, features: x.features.map((f) => (f === MARK ? MARK - 1 : f)) }));
    const adversary = examples[0]?.subjectId as string;
    for (const x of examples) if (x.subjectId === adversary) x.features = Int32Array.from([...x.features, MARK]);
    const engine: FastTextEngine = {
      name: 'evil',
      probabilities: referenceEngine.probabilities,
      lossAndGradient(w, spec, batch, labels, reduction) {
        const r = referenceEngine.lossAndGradient(w, spec, batch, labels, reduction);
        if (!batch.rows.includes(MARK)) return r;
        const s = (a: Float32Array) => a.map((x) => x * 1e20);
        return { loss: r.loss, gradient: { rows: r.gradient.rows, embedding: s(r.gradient.embedding), kernel: s(r.gradient.kernel), bias: s(r.gradient.bias) } };
      },
    };
    const clipNorm = 0.5;
    const inner = subjectDpSgd({ spec: TINY_SPEC, clipNorm, noiseMultiplier: 0, expectedSubjects: 1, random: createSecureRandom(SEED) });
    const seen: number[] = [];
    const adversaryNorms: number[] = [];
    // Probe: each contribution alone through the σ = 0 transform (expected batch 1) is exactly what that subject adds to the step's sum.
    const probe: GradientTransform = {
      name: 'probe',
      combine(contributions, ctx) {
        for (const c of contributions) {
          const n = denseNorm(inner.combine([c], ctx));
          seen.push(n);
          if (c.subjectId === adversary) adversaryNorms.push(n);
        }
        return inner.combine(contributions, ctx);
      },
    };
    await trainLocal(initWeights(TINY_SPEC, 1), examples, { round: 1, localEpochs: 3, learningRate: 0.05, proximalMu: 0, batchSize: 16 }, {
      spec: TINY_SPEC, region: 'eu', engine, seed: 1,
      planner: poissonSubjectBatches({ sampleRate: 0.3, maxExamplesPerSubject: 2, uniform: createSecureRandom(SEED).uniform }),
      transform: probe,
    });
    expect(adversaryNorms.length).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(50);
    for (const n of seen) expect(n).toBeLessThanOrEqual(clipNorm);
    for (const n of adversaryNorms) expect(n).toBeGreaterThan(clipNorm * 0.99); // clipped to the bound, not dropped
  });

  it('has sensitivity C: adding or removing one subject moves the step sum (before noise) by at most C', () => {
    const rnd = seededRandom(9);
    const mk = (id: string, scale: number): SubjectContribution => ({
      subjectId: id,
      numExamples: 1,
      gradient: { rows: Int32Array.of(Math.floor(rnd() * 64), Math.floor(rnd() * 64)), embedding: Float32Array.from({ length: 2 * D }, () => (rnd() - 0.5) * scale), kernel: Float32Array.from({ length: D * C }, () => (rnd() - 0.5) * scale), bias: Float32Array.from({ length: C }, () => (rnd() - 0.5) * scale) },
    });
    const batch = Array.from({ length: 20 }, (_, i) => mk(`s${i}`, 1 + i));
    const outsider = mk('x', 1e12);
    const t = subjectDpSgd({ spec: TINY_SPEC, clipNorm: 1, noiseMultiplier: 0, expectedSubjects: 1, random: createSecureRandom(SEED) });
    const ctx = { batchExamples: 0, step: 0, random: rnd };
    const copy = (g: SparseGradient) => ({ rows: g.rows, embedding: g.embedding.slice(), kernel: g.kernel.slice(), bias: g.bias.slice() });
    const without = copy(t.combine(batch, ctx));
    const withOutsider = copy(t.combine([...batch, outsider], ctx));
    const diff: SparseGradient = {
      rows: without.rows,
      embedding: without.embedding.map((x, i) => (withOutsider.embedding[i] as number) - x),
      kernel: without.kernel.map((x, i) => (withOutsider.kernel[i] as number) - x),
      bias: without.bias.map((x, i) => (withOutsider.bias[i] as number) - x),
    };
    expect(denseNorm(diff)).toBeLessThanOrEqual(1 + 1e-5); // float32 summation of 21 terms
  });
});

describe('Gaussian noise', () => {
  it('adds N(0, (σC/L)²) to every coordinate of every tensor, all embedding rows included', () => {
    const spec = { ...TINY_SPEC, dim: 16, tokenizer: { ...TINY_SPEC.tokenizer, buckets: 4096 } };
    const t = subjectDpSgd({ spec, clipNorm: 2, noiseMultiplier: 1.5, expectedSubjects: 10, random: createSecureRandom(SEED) });
    const g = t.combine([], { batchExamples: 0, step: 0, random: Math.random });
    expect(g.rows.length).toBe(4096);
    const all = [...g.embedding, ...g.kernel, ...g.bias];
    const mean = all.reduce((a, x) => a + x, 0) / all.length;
    const sd = Math.sqrt(all.reduce((a, x) => a + (x - mean) ** 2, 0) / all.length);
    expect(Math.abs(mean)).toBeLessThan(0.003);
    expect(sd).toBeGreaterThan(0.3 * 0.99);
    expect(sd).toBeLessThan(0.3 * 1.01);
    // Tails: about 4.55% beyond 2σ for a Gaussian.
    const beyond = all.filter((x) => Math.abs(x) > 0.6).length / all.length;
    expect(beyond).toBeGreaterThan(0.043);
    expect(beyond).toBeLessThan(0.048);
    expect(g.kernel.every((x) => x !== 0)).toBe(true);
  });

  it('is reproducible from a seed and different without one', () => {
    const a = new Float32Array(8), b = new Float32Array(8), c = new Float32Array(8);
    createSecureRandom(SEED).addGaussian(a, 1);
    createSecureRandom(SEED).addGaussian(b, 1);
    createSecureRandom().addGaussian(c, 1);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });
});

describe('Poisson subject sampling', () => {
  it('makes round(1/q) batches per epoch, samples each subject at rate q, and caps it at k messages', () => {
    const examples = toyExamples(3000, 4);
    const subjects = new Set(examples.map((x) => x.subjectId)).size;
    const q = 0.1;
    const batches = poissonSubjectBatches({ sampleRate: q, maxExamplesPerSubject: 2, uniform: createSecureRandom(SEED).uniform })(examples, 64, seededRandom(1));
    expect(batches.length).toBe(poissonStepsPerEpoch(q));
    let appearances = 0;
    for (const b of batches) {
      const per = new Map<string, number>();
      for (const i of b) per.set(examples[i]?.subjectId as string, (per.get(examples[i]?.subjectId as string) ?? 0) + 1);
      for (const n of per.values()) expect(n).toBeLessThanOrEqual(2);
      appearances += per.size;
    }
    const rate = appearances / (subjects * batches.length);
    expect(Math.abs(rate - q)).toBeLessThan(4 * Math.sqrt((q * (1 - q)) / (subjects * batches.length)));
  });

  it('an empty Poisson batch is still a noisy step (its absence would leak)', async () => {
    let calls = 0;
    const t: GradientTransform = { name: 'count', combine: (cs, ctx) => (calls++, subjectDpSgd({ spec: TINY_SPEC, clipNorm: 1, noiseMultiplier: 1, expectedSubjects: 1, random: createSecureRandom(SEED) }).combine(cs, ctx)) };
    const fit = await trainLocal(initWeights(TINY_SPEC, 1), toyExamples(20, 5), { round: 1, localEpochs: 1, learningRate: 0.01, proximalMu: 0, batchSize: 8 }, {
      spec: TINY_SPEC, region: 'eu', engine: referenceEngine, planner: () => [[], [0, 1], []], transform: t,
    });
    expect(calls).toBe(3);
    expect(fit.metrics?.steps).toBe(3);
  });
});
