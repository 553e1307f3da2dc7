import { describe, it, expect } from 'vitest';
import { sampleDiscreteLaplace, discreteLaplaceNoise, type RandomInt } from './discrete-laplace.ts';
import { dpCount } from './dp-count.ts';
import { dpHistogram } from './dp-histogram.ts';

/** A seeded generator (sfc32), so the statistics below are reproducible rather than flaky. */
function seeded(seed: number): RandomInt {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  return (max) => Math.floor((next() + next() / 4294967296) * max);
}

function histogram(samples: number[]) {
  const h = new Map<number, number>();
  for (const x of samples) h.set(x, (h.get(x) ?? 0) + 1);
  return h;
}

describe('discrete Laplace sampler', () => {
  it('matches the distribution P(z) ∝ exp(-|z|/scale): P(0), the decay ratio, symmetry and variance', () => {
    for (const [s, t] of [[1, 1], [2, 3], [1, 4]] as const) {
      const scale = t / s;
      const q = Math.exp(-1 / scale);
      const rnd = seeded(1000 * s + t);
      const n = 40_000;
      const xs = Array.from({ length: n }, () => sampleDiscreteLaplace(s, t, rnd));
      const h = histogram(xs);
      const p0 = (1 - q) / (1 + q);
      expect(Math.abs((h.get(0) ?? 0) / n - p0)).toBeLessThan(0.012);
      // P(1)/P(0) = q, both sides.
      expect(Math.abs((h.get(1) ?? 0) / (h.get(0) ?? 1) - q)).toBeLessThan(0.05);
      expect(Math.abs((h.get(-1) ?? 0) / (h.get(0) ?? 1) - q)).toBeLessThan(0.05);
      const mean = xs.reduce((a, x) => a + x, 0) / n;
      const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / n;
      const expected = (2 * q) / (1 - q) ** 2;
      expect(Math.abs(mean)).toBeLessThan(0.05 * Math.sqrt(expected) + 0.02);
      expect(Math.abs(variance / expected - 1)).toBeLessThan(0.06);
    }
  });

  it('never yields a non-integer, and more ε means less noise', () => {
    const rnd = seeded(7);
    const spread = (eps: number) => {
      const xs = Array.from({ length: 5_000 }, () => discreteLaplaceNoise(eps, 1, rnd));
      expect(xs.every(Number.isInteger)).toBe(true);
      return xs.reduce((a, x) => a + Math.abs(x), 0) / xs.length;
    };
    expect(spread(0.1)).toBeGreaterThan(spread(1) * 5);
  });

  it('refuses ε below the resolution, non-positive ε and fractional sensitivity', () => {
    for (const [eps, sens] of [[0, 1], [-1, 1], [0.0001, 1], [Number.NaN, 1], [1, 0], [1, 1.5]] as const) {
      expect(() => discreteLaplaceNoise(eps, sens)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    }
  });
});

describe('dpCount', () => {
  it('reports its cost and sensitivity, clamps at zero, and is centred on the true count', () => {
    const rnd = seeded(99);
    const releases = Array.from({ length: 4_000 }, () => dpCount(500, { epsilon: 0.5, sensitivity: 3, random: rnd }));
    expect(releases.every((r) => r.epsilon === 0.5 && r.sensitivity === 3 && r.mechanism === 'discrete_laplace')).toBe(true);
    const mean = releases.reduce((a, r) => a + r.value, 0) / releases.length;
    expect(Math.abs(mean - 500)).toBeLessThan(0.5);
    expect(releases.some((r) => r.value !== 500)).toBe(true);
    const zeros = Array.from({ length: 2_000 }, () => dpCount(0, { epsilon: 0.2, random: rnd }).value);
    expect(Math.min(...zeros)).toBe(0);
  });
});

describe('dpHistogram', () => {
  it('noises every key of the fixed domain, absent keys too, and charges ε once for the release', () => {
    const rnd = seeded(5);
    const h = dpHistogram(['bot', 'person', 'expert'] as const, { bot: 1_000 }, { epsilon: 0.3, sensitivity: 20, random: rnd });
    expect(Object.keys(h.counts).sort()).toEqual(['bot', 'expert', 'person']);
    expect(h).toMatchObject({ epsilon: 0.3, sensitivity: 20, mechanism: 'discrete_laplace' });
    // Scale 20/0.3 ≈ 67: the empty cells are not reliably 0, so an absent key does not show.
    const empties = Array.from({ length: 200 }, () => dpHistogram(['a', 'b'] as const, {}, { epsilon: 0.3, sensitivity: 20, random: rnd }).counts.a);
    expect(empties.filter((v) => v > 0).length).toBeGreaterThan(50);
  });
});
