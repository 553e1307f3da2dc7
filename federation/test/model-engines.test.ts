import { describe, expect, it } from 'vitest';
import { buildFeatureBatch } from '../src/model/feature-batch.ts';
import { initWeights } from '../src/model/init-weights.ts';
import { referenceEngine } from '../src/model/reference/reference-engine.ts';
import { referenceLossAndGradient } from '../src/model/reference/reference-fasttext.ts';
import { seededRandom } from '../src/model/seeded-random.ts';
import { createTfjsEngine } from '../src/model/tfjs/tfjs-engine.ts';
import type { Weights } from '../src/model/weights.ts';
import { TINY_SPEC, toyExamples } from './helpers.ts';

function randomWeights(seed: number): Weights {
  const w = initWeights(TINY_SPEC, seed);
  const rnd = seededRandom(seed + 1);
  for (const t of Object.values(w)) for (let i = 0; i < t.length; i++) t[i] = (rnd() - 0.5) * 0.8;
  return w;
}

describe('buildFeatureBatch', () => {
  it('pools repeated features by count / feature count', () => {
    const b = buildFeatureBatch([Int32Array.of(5, 5, 9), Int32Array.of(9), new Int32Array(0)]);
    expect(Array.from(b.rows)).toEqual([5, 9]);
    expect(Array.from(b.offsets)).toEqual([0, 2, 3, 3]);
    expect(Array.from(b.cols)).toEqual([0, 1, 1]);
    expect(Array.from(b.weights)).toEqual([Math.fround(2 / 3), Math.fround(1 / 3), 1]);
  });
});

describe('reference fastText maths', () => {
  it('has gradients that match central finite differences', () => {
    const w = randomWeights(3);
    const xs = toyExamples(5, 4);
    const batch = buildFeatureBatch(xs.map((x) => x.features));
    const labels = Int32Array.from(xs, (x) => x.label);
    const { gradient } = referenceLossAndGradient(w, TINY_SPEC, batch, labels, 'mean');
    const lossAt = () => referenceLossAndGradient(w, TINY_SPEC, batch, labels, 'mean').loss;
    const h = 1e-2;
    const check = (tensor: Float32Array, i: number, analytic: number) => {
      const old = tensor[i] as number;
      tensor[i] = old + h;
      const up = lossAt();
      tensor[i] = old - h;
      const down = lossAt();
      tensor[i] = old;
      expect(analytic).toBeCloseTo((up - down) / (2 * h), 3);
    };
    for (let i = 0; i < 6; i++) check(w['output/kernel'] as Float32Array, i * 2, gradient.kernel[i * 2] as number);
    for (let c = 0; c < 3; c++) check(w['output/bias'] as Float32Array, c, gradient.bias[c] as number);
    for (let r = 0; r < 3; r++) for (let d = 0; d < 6; d += 2) check(w.embedding as Float32Array, (gradient.rows[r] as number) * 6 + d, gradient.embedding[r * 6 + d] as number);
  });

  it("'sum' is 'mean' times the batch size", () => {
    const w = randomWeights(5);
    const xs = toyExamples(4, 6);
    const batch = buildFeatureBatch(xs.map((x) => x.features));
    const labels = Int32Array.from(xs, (x) => x.label);
    const m = referenceLossAndGradient(w, TINY_SPEC, batch, labels, 'mean');
    const s = referenceLossAndGradient(w, TINY_SPEC, batch, labels, 'sum');
    expect(s.loss).toBeCloseTo(m.loss * 4, 5);
    s.gradient.kernel.forEach((g, i) => expect(g).toBeCloseTo((m.gradient.kernel[i] as number) * 4, 5));
  });
});

describe('TF.js engine', () => {
  it('computes the same probabilities, loss and gradients as the reference', async () => {
    const tfjs = await createTfjsEngine();
    const w = randomWeights(7);
    const xs = toyExamples(9, 8);
    const batch = buildFeatureBatch(xs.map((x) => x.features));
    const labels = Int32Array.from(xs, (x) => x.label);
    const pr = referenceEngine.probabilities(w, TINY_SPEC, batch);
    const pt = tfjs.probabilities(w, TINY_SPEC, batch);
    pt.forEach((p, i) => expect(p).toBeCloseTo(pr[i] as number, 5));
    const r = referenceEngine.lossAndGradient(w, TINY_SPEC, batch, labels, 'mean');
    const t = tfjs.lossAndGradient(w, TINY_SPEC, batch, labels, 'mean');
    expect(t.loss).toBeCloseTo(r.loss, 5);
    expect(Array.from(t.gradient.rows)).toEqual(Array.from(r.gradient.rows));
    t.gradient.embedding.forEach((g, i) => expect(g).toBeCloseTo(r.gradient.embedding[i] as number, 5));
    t.gradient.kernel.forEach((g, i) => expect(g).toBeCloseTo(r.gradient.kernel[i] as number, 5));
    t.gradient.bias.forEach((g, i) => expect(g).toBeCloseTo(r.gradient.bias[i] as number, 5));
    expect(tfjs.backend).toBe('wasm');
  });

  it('handles a batch whose examples have no features', async () => {
    const tfjs = await createTfjsEngine();
    const w = randomWeights(9);
    const batch = buildFeatureBatch([new Int32Array(0)]);
    const t = tfjs.lossAndGradient(w, TINY_SPEC, batch, Int32Array.of(1), 'mean');
    const r = referenceEngine.lossAndGradient(w, TINY_SPEC, batch, Int32Array.of(1), 'mean');
    expect(t.gradient.embedding.length).toBe(0);
    expect(t.loss).toBeCloseTo(r.loss, 5);
  });
});
