import { randomInt } from 'node:crypto';
import { MeridianError } from '../errors/meridian-error.ts';

/** A uniform integer in [0, maxExclusive); `crypto.randomInt` by default. Injected only by tests. */
export type RandomInt = (maxExclusive: number) => number;

const cryptoRandomInt: RandomInt = (max) => randomInt(max);

/** ε is used at this resolution (1/1000), so the sampler works on exact rationals. */
export const EPSILON_RESOLUTION = 1_000;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Bernoulli(n/d), exactly. */
const bernoulli = (n: number, d: number, rnd: RandomInt) => rnd(d) < n;

/** Bernoulli(exp(-n/d)) for n/d ≥ 0, exactly (Canonne, Kamath, Steinke 2020, Algorithm 1). */
function bernoulliExp(n: number, d: number, rnd: RandomInt): boolean {
  if (n <= d) {
    let k = 1;
    while (bernoulli(n, d * k, rnd)) k++;
    return k % 2 === 1;
  }
  for (let i = 0; i < Math.floor(n / d); i++) if (!bernoulliExp(1, 1, rnd)) return false;
  return bernoulliExp(n % d, d, rnd);
}

/**
 * One sample of the discrete Laplace distribution P(z) ∝ exp(-|z|·s/t)
 * (scale t/s), for positive integers s and t, by exact rejection sampling
 * with integer arithmetic only (Canonne, Kamath, Steinke 2020, Algorithm 2).
 * Exact sampling matters: floating-point Laplace noise leaks the true value
 * through its low bits (Mironov 2012).
 *
 * @example
 * sampleDiscreteLaplace(1, 2); // scale 2: 0, ±1, ±2 … with P(z) ∝ e^(-|z|/2)
 */
export function sampleDiscreteLaplace(s: number, t: number, rnd: RandomInt = cryptoRandomInt): number {
  if (!Number.isSafeInteger(s) || !Number.isSafeInteger(t) || s < 1 || t < 1 || t > 2 ** 36) {
    throw new MeridianError('BAD_INPUT', 'the discrete Laplace scale must be t/s with positive integers', { s, t });
  }
  for (;;) {
    const u = rnd(t);
    if (!bernoulliExp(u, t, rnd)) continue;
    let v = 0;
    while (bernoulliExp(1, 1, rnd)) v++;
    const y = Math.floor((u + t * v) / s);
    const negative = rnd(2) === 1;
    if (negative && y === 0) continue;
    return negative ? -y : y;
  }
}

/**
 * Discrete Laplace noise for a query of L1 `sensitivity` at privacy `epsilon`
 * (scale sensitivity/ε; ε in steps of 0.001).
 *
 * @example
 * trueCount + discreteLaplaceNoise(0.5, 1); // ε = 0.5-DP count
 */
export function discreteLaplaceNoise(epsilon: number, sensitivity: number, rnd: RandomInt = cryptoRandomInt): number {
  const e = Math.round(epsilon * EPSILON_RESOLUTION);
  if (!(e >= 1) || !Number.isSafeInteger(sensitivity) || sensitivity < 1) {
    throw new MeridianError('BAD_INPUT', `ε must be at least ${1 / EPSILON_RESOLUTION} and the sensitivity a positive integer`, { epsilon, sensitivity });
  }
  // scale = sensitivity / ε = (sensitivity · R) / e, reduced.
  const t = sensitivity * EPSILON_RESOLUTION;
  const g = gcd(t, e);
  return sampleDiscreteLaplace(e / g, t / g, rnd);
}
