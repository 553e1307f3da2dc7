import { describe, expect, it } from 'vitest';
import { initWeights } from '../src/model/init-weights.ts';
import { referenceEngine } from '../src/model/reference/reference-engine.ts';
import { adaptLocally } from '../src/simulation/adapt-locally.ts';
import { evaluateModel } from '../src/training/evaluate-model.ts';
import type { TrainingExample } from '../src/training/training-example.ts';
import { TINY_SPEC, toyExamples } from './helpers.ts';

// A region whose labels are a permutation of the shared task's: a shared model
// is wrong there until the region adapts it on its own data.
const relabel = (xs: TrainingExample[]): TrainingExample[] => xs.map((x) => ({ ...x, label: (x.label + 1) % 3 }));

describe('adaptLocally', () => {
  it('fine-tunes a shared model to a region whose labels differ, leaving the input untouched', async () => {
    const shared = await adaptLocally(initWeights(TINY_SPEC, 1), toyExamples(400, 1), { epochs: 3, learningRate: 0.05, batchSize: 16 }, TINY_SPEC, referenceEngine, 3);
    const regionTrain = relabel(toyExamples(400, 4));
    const regionTest = relabel(toyExamples(200, 5));
    const before = shared['output/bias']?.slice();
    expect(evaluateModel(shared, TINY_SPEC, regionTest, referenceEngine).accuracy).toBeLessThan(0.2);
    const adapted = await adaptLocally(shared, regionTrain, { epochs: 3, learningRate: 0.05, batchSize: 16 }, TINY_SPEC, referenceEngine, 3);
    expect(evaluateModel(adapted, TINY_SPEC, regionTest, referenceEngine).accuracy).toBeGreaterThan(0.9);
    expect(Array.from(shared['output/bias'] ?? [])).toEqual(Array.from(before ?? []));
  });

  it('is the identity for a zero budget and deterministic for a seed', async () => {
    const w = initWeights(TINY_SPEC, 2);
    expect(await adaptLocally(w, toyExamples(50, 1), { epochs: 0, learningRate: 0.05, batchSize: 16 }, TINY_SPEC, referenceEngine)).toBe(w);
    const budget = { epochs: 1, learningRate: 0.05, batchSize: 16 };
    const a = await adaptLocally(w, toyExamples(100, 1), budget, TINY_SPEC, referenceEngine, 9);
    const b = await adaptLocally(w, toyExamples(100, 1), budget, TINY_SPEC, referenceEngine, 9);
    expect(Array.from(a['output/kernel'] ?? [])).toEqual(Array.from(b['output/kernel'] ?? []));
  });
});
