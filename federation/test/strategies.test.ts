import { describe, expect, it } from 'vitest';
import { regionWeights } from '../src/strategy/aggregation/region-weighting.ts';
import { rowNormalizedAverage } from '../src/strategy/aggregation/row-normalized-average.ts';
import { weightedDeltaAverage } from '../src/strategy/aggregation/weighted-delta-average.ts';
import { createFedAdam } from '../src/strategy/fed-adam/fed-adam.ts';
import { createFedAvg } from '../src/strategy/fed-avg/fed-avg.ts';
import { createFedProx } from '../src/strategy/fed-prox/fed-prox.ts';
import { fitConfigFor } from '../src/strategy/fit-schedule.ts';
import { STRATEGIES, createStrategy } from '../src/strategy/strategies.ts';
import type { FitResult } from '../src/strategy/strategy.ts';

const schedule = { rounds: 4, localEpochs: 1, learningRate: 0.04, learningRateEnd: 0, batchSize: 8 };
const global = { w: Float32Array.of(1, 1), b: Float32Array.of(0) };
const fit = (region: string, numExamples: number, w: number[], b: number[]): FitResult => ({ region, numExamples, delta: { w: Float32Array.from(w), b: Float32Array.from(b) } });
const results = [fit('eu', 300, [1, 2], [4]), fit('me', 100, [-1, 6], [0])];

describe('aggregation maths', () => {
  it('weights regions by examples, uniformly or by √examples', () => {
    expect(regionWeights(results, 'examples')).toEqual([0.75, 0.25]);
    expect(regionWeights(results, 'uniform')).toEqual([0.5, 0.5]);
    const s = regionWeights(results, 'sqrt');
    expect(s[0]).toBeCloseTo(Math.sqrt(300) / (Math.sqrt(300) + 10), 12);
  });
  it('averages deltas with given weights', () => {
    expect(Array.from(weightedDeltaAverage(results.map((r) => r.delta), [0.75, 0.25]).w ?? [])).toEqual([0.5, 3]);
  });
  it('averages embedding rows only over the regions that changed them', () => {
    const a = { e: Float32Array.of(1, 1, 0, 0), k: Float32Array.of(2) };
    const b = { e: Float32Array.of(3, 3, 4, 4), k: Float32Array.of(0) };
    const out = rowNormalizedAverage([a, b], [0.5, 0.5], { e: 2 });
    expect(Array.from(out.e ?? [])).toEqual([2, 2, 4, 4]);
    expect(Array.from(out.k ?? [])).toEqual([1]);
  });
});

describe('FedAvg', () => {
  it('example-weighted: global + Σ (nᵢ/n)·Δᵢ (known answer)', () => {
    const next = createFedAvg({ schedule, weighting: 'examples' }).aggregate(1, global, results, []);
    expect(Array.from(next.w ?? [])).toEqual([1.5, 4]);
    expect(Array.from(next.b ?? [])).toEqual([3]);
  });
  it('uniform by default, with a server learning rate', () => {
    const next = createFedAvg({ schedule, serverLearningRate: 2 }).aggregate(1, global, results, []);
    expect(Array.from(next.w ?? [])).toEqual([1, 9]);
    expect(Array.from(next.b ?? [])).toEqual([4]);
  });
  it('leaves failed regions out and returns the global weights when nobody answered', () => {
    const s = createFedAvg({ schedule, weighting: 'examples' });
    expect(Array.from(s.aggregate(1, global, [results[0] as FitResult], ['me']).w ?? [])).toEqual([2, 3]);
    expect(s.aggregate(1, global, [], ['eu', 'me'])).toBe(global);
  });
  it('hands out one linear learning-rate decay across rounds', () => {
    const s = createFedAvg({ schedule });
    expect(s.configureFit(1)).toEqual({ round: 1, localEpochs: 1, learningRate: 0.04, learningRateEnd: 0.03, proximalMu: 0, batchSize: 8 });
    expect(s.configureFit(4).learningRateEnd).toBeCloseTo(0, 12);
    expect(fitConfigFor(schedule, 3, 0.5).proximalMu).toBe(0.5);
  });
});

describe('FedProx and FedAdam', () => {
  it('FedProx sends μ to clients and averages like FedAvg', () => {
    const s = createFedProx({ schedule, proximalMu: 0.1, weighting: 'examples' });
    expect(s.configureFit(2).proximalMu).toBe(0.1);
    expect(Array.from(s.aggregate(1, global, results, []).w ?? [])).toEqual([1.5, 4]);
  });
  it('FedAdam takes a server Adam step on the averaged delta (known answer) and exports its state', () => {
    const s = createFedAdam({ schedule, serverLearningRate: 0.1, beta1: 0.9, beta2: 0.99, tau: 0.001 });
    const one = [fit('eu', 1, [2, -2], [0])];
    const next = s.aggregate(1, global, one, []);
    // m = 0.1·Δ, v = 0.01·Δ², step = η·m/(√v + τ) = 0.1·0.2/(0.2 + 0.001) for |Δ| = 2
    const step = (0.1 * 0.2) / (0.2 + 0.001);
    expect(next.w?.[0]).toBeCloseTo(1 + step, 6);
    expect(next.w?.[1]).toBeCloseTo(1 - step, 6);
    expect(next.b?.[0]).toBe(0);
    const state = s.exportState?.() ?? {};
    const resumed = createFedAdam({ schedule, serverLearningRate: 0.1, beta1: 0.9, beta2: 0.99, tau: 0.001 });
    resumed.importState?.(state);
    const a = s.aggregate(2, next, one, []);
    const b = resumed.aggregate(2, next, one, []);
    expect(Array.from(b.w ?? [])).toEqual(Array.from(a.w ?? []));
  });
  it('are all reachable from one explicit map', () => {
    expect(Object.keys(STRATEGIES).sort()).toEqual(['fedadam', 'fedavg', 'fedprox']);
    expect(createStrategy('fedprox', { schedule, proximalMu: 0.01 }).name).toBe('fedprox');
  });
});
