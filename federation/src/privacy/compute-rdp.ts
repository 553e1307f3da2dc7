import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { logErfc } from './log-erfc.ts';

/**
 * Rényi-DP of the sampled Gaussian mechanism (Poisson sampling with rate q,
 * Gaussian noise of standard deviation σ·sensitivity, add/remove-one adjacency)
 * iterated `steps` times, at each order α: ε_α = steps · log(A_α) / (α − 1).
 *
 * A_α is computed as in Mironov, Talwar & Zhang 2019, "Rényi Differential
 * Privacy of the Sampled Gaussian Mechanism" (arXiv:1908.10530), §3.3 — the
 * same two code paths TensorFlow Privacy's `compute_rdp` and Opacus'
 * `analysis/rdp.py` use:
 * - integer α: A_α = Σ_{i=0..α} C(α,i)·(1−q)^(α−i)·q^i·exp((i²−i)/(2σ²)), exact;
 * - fractional α: the two-sided series with erfc terms, summed until a term
 *   drops below e^−30.
 * RDP composes by addition, so `steps` multiplies and rounds add (see `RdpAccountant`).
 *
 * @example
 * computeRdp(0.1, 2, 10, [5]); // [0.07737...] (TF Privacy's rdp_accountant_test)
 */
export function computeRdp(sampleRate: number, noiseMultiplier: number, steps: number, orders: readonly number[]): number[] {
  if (!(sampleRate >= 0 && sampleRate <= 1) || !(noiseMultiplier >= 0) || !(steps >= 0)) {
    throw new MeridianError('BAD_INPUT', 'sampled Gaussian needs 0 ≤ q ≤ 1, σ ≥ 0 and steps ≥ 0', { sampleRate, noiseMultiplier, steps });
  }
  return orders.map((alpha) => {
    if (!(alpha > 1)) throw new MeridianError('BAD_INPUT', 'RDP orders must exceed 1', { order: alpha });
    if (steps === 0 || sampleRate === 0) return 0;
    if (noiseMultiplier === 0 || alpha === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
    if (sampleRate === 1) return (steps * alpha) / (2 * noiseMultiplier * noiseMultiplier);
    const logA = Number.isInteger(alpha) ? logAInteger(sampleRate, noiseMultiplier, alpha) : logAFractional(sampleRate, noiseMultiplier, alpha);
    // RDP is non-negative; log-space rounding can leave −1e-12 when σ is huge.
    return Math.max(0, (steps * logA) / (alpha - 1));
  });
}

function logAdd(a: number, b: number): number {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  if (lo === Number.NEGATIVE_INFINITY) return hi;
  return Math.log1p(Math.exp(lo - hi)) + hi;
}

function logSub(a: number, b: number): number {
  if (a < b) throw new MeridianError('INTERNAL', 'log-space subtraction went negative', { a, b });
  if (b === Number.NEGATIVE_INFINITY) return a;
  if (a === b) return Number.NEGATIVE_INFINITY;
  return Math.log(Math.expm1(a - b)) + b;
}

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let k = logFactorials.length; k <= n; k++) logFactorials.push((logFactorials[k - 1] as number) + Math.log(k));
  return logFactorials[n] as number;
}

function logAInteger(q: number, sigma: number, alpha: number): number {
  let logA = Number.NEGATIVE_INFINITY;
  const lq = Math.log(q);
  const l1q = Math.log1p(-q);
  for (let i = 0; i <= alpha; i++) {
    const logBinom = logFactorial(alpha) - logFactorial(i) - logFactorial(alpha - i);
    logA = logAdd(logA, logBinom + i * lq + (alpha - i) * l1q + (i * i - i) / (2 * sigma * sigma));
  }
  return logA;
}

function logAFractional(q: number, sigma: number, alpha: number): number {
  let logA0 = Number.NEGATIVE_INFINITY;
  let logA1 = Number.NEGATIVE_INFINITY;
  const z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
  const lq = Math.log(q);
  const l1q = Math.log1p(-q);
  const s2 = Math.SQRT2 * sigma;
  // C(α, i) by its recurrence, tracked as log|C| and a sign (it alternates once i > α).
  let logCoef = 0;
  let positive = true;
  for (let i = 0; ; i++) {
    if (i > 0) {
      const f = (alpha - (i - 1)) / i;
      logCoef += Math.log(Math.abs(f));
      if (f < 0) positive = !positive;
    }
    const j = alpha - i;
    const logT0 = logCoef + i * lq + j * l1q;
    const logT1 = logCoef + j * lq + i * l1q;
    const logE0 = Math.log(0.5) + logErfc((i - z0) / s2);
    const logE1 = Math.log(0.5) + logErfc((z0 - j) / s2);
    const logS0 = logT0 + (i * i - i) / (2 * sigma * sigma) + logE0;
    const logS1 = logT1 + (j * j - j) / (2 * sigma * sigma) + logE1;
    if (positive) {
      logA0 = logAdd(logA0, logS0);
      logA1 = logAdd(logA1, logS1);
    } else {
      logA0 = logSub(logA0, logS0);
      logA1 = logSub(logA1, logS1);
    }
    if (Math.max(logS0, logS1) < -30) break;
    if (i > 100_000) throw new MeridianError('INTERNAL', 'fractional-order RDP series did not converge', { sampleRate: q, noiseMultiplier: sigma, order: alpha });
  }
  return logAdd(logA0, logA1);
}
