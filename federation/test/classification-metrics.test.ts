import { describe, expect, it } from 'vitest';
import { classificationMetrics } from '../src/training/classification-metrics.ts';

describe('classificationMetrics', () => {
  it('computes accuracy, per-class and macro-F1 by hand-checked numbers', () => {
    // truth:     a a a b b c
    // predicted: a a b b c c
    const r = classificationMetrics([0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2], ['a', 'b', 'c']);
    expect(r.accuracy).toBeCloseTo(4 / 6, 10);
    // a: P 1, R 2/3, F1 0.8; b: P 1/2, R 1/2, F1 0.5; c: P 1/2, R 1, F1 2/3
    expect(r.perClass.map((c) => c.f1)).toEqual([expect.closeTo(0.8, 10), expect.closeTo(0.5, 10), expect.closeTo(2 / 3, 10)]);
    expect(r.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 10);
    expect(r.perClass.map((c) => c.support)).toEqual([3, 2, 1]);
  });
  it('averages only over classes present in the truth or predictions', () => {
    const r = classificationMetrics([0, 0], [0, 0], ['a', 'b', 'c']);
    expect(r.macroF1).toBe(1);
  });
});
