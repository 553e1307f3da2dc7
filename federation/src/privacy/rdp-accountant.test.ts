import { describe, expect, it } from 'vitest';
import { computeRdp } from './compute-rdp.ts';
import { epsilonFromRdp } from './epsilon-from-rdp.ts';
import { calibrateNoiseMultiplier } from './calibrate-noise-multiplier.ts';
import { createRdpAccountant } from './rdp-accountant.ts';
import { DEFAULT_RDP_ORDERS } from './rdp-orders.ts';
import { logErfc } from './log-erfc.ts';

// Published values for the sampled Gaussian mechanism, with their sources:
//
// [TFP-RDP] TensorFlow Privacy, tensorflow_privacy/privacy/analysis/rdp_accountant_test.py
//   (github.com/tensorflow/privacy): test_compute_rdp_scalar, test_compute_rdp_sequence,
//   test_get_privacy_spent_check_target_delta.
// [TFP-SGD] TensorFlow Privacy, tensorflow_privacy/privacy/analysis/compute_dp_sgd_privacy_test.py:
//   test_compute_dp_sgd_privacy, expected (ε, optimal order) of compute_dp_sgd_privacy(n, batch,
//   σ, epochs, δ) — q = batch/n, steps = ceil(epochs·n/batch), orders [1.25, 1.5, 1.75, 2, 2.25,
//   2.5, 3, 3.5, 4, 4.5] + 5..63 + [128, 256, 512], improved RDP→DP conversion (dp_accounting).
// [TFP-MNIST] TensorFlow Privacy, tutorials/README.md "Expected Output" and its parameter table
//   (mnist_dpsgd_tutorial.py defaults: σ = 1.12, batch 256 of 60,000, 60 epochs, δ = 1e-5,
//   orders 1.1..10.9 and 12..63, steps = epoch·⌊60000/256⌋): ε = 1.00 after 1 epoch, 1.04 after
//   2, 2.92 after 60. Those figures were printed with the CLASSIC conversion (Mironov 2017,
//   Prop. 3), which get_privacy_spent used when the tutorial was written (2018–2020).
const TFP_SGD_ORDERS = [1.25, 1.5, 1.75, 2, 2.25, 2.5, 3, 3.5, 4, 4.5, ...Array.from({ length: 59 }, (_, i) => i + 5), 128, 256, 512];

describe('RDP of the sampled Gaussian mechanism', () => {
  it('matches TF Privacy compute_rdp at an integer order [TFP-RDP test_compute_rdp_scalar]', () => {
    expect(computeRdp(0.1, 2, 10, [5])[0]).toBeCloseTo(0.07737, 5);
  });

  it('matches TF Privacy compute_rdp at fractional and integer orders [TFP-RDP test_compute_rdp_sequence]', () => {
    const got = computeRdp(0.01, 2.5, 50, [1.5, 2.5, 5, 50, 100]);
    const want = [0.00065, 0.001085, 0.00218075, 0.023846, 167.416307];
    got.forEach((g, k) => expect(Math.abs(g - (want[k] as number))).toBeLessThan(1e-5));
  });

  it('handles the edge cases: q = 0, q = 1 (plain Gaussian, α/2σ²), σ = 0', () => {
    expect(computeRdp(0, 10, 1, [20])).toEqual([0]);
    expect(computeRdp(1, 10, 1, [20])[0]).toBeCloseTo(0.1, 12);
    expect(computeRdp(0.5, 0, 1, [2])).toEqual([Number.POSITIVE_INFINITY]);
  });

  it('logErfc agrees with known erfc values, including the far tail', () => {
    expect(logErfc(1)).toBeCloseTo(Math.log(0.157299207050285), 12);
    expect(logErfc(3)).toBeCloseTo(Math.log(2.209049699858544e-5), 10);
    expect(logErfc(-1)).toBeCloseTo(Math.log(1.842700792949715), 12);
    // erfc(30) ≈ 2.56e-393 underflows a double; its log does not. Reference: the asymptotic series
    // erfc x ~ e^(−x²)/(x√π)·(1 − 1/(2x²) + 3/(4x⁴) − 15/(8x⁶)).
    const x = 30;
    expect(logErfc(x)).toBeCloseTo(-x * x - Math.log(x * Math.sqrt(Math.PI)) + Math.log1p(-1 / (2 * x ** 2) + 3 / (4 * x ** 4) - 15 / (8 * x ** 6)), 9);
  });
});

describe('RDP → (ε, δ)', () => {
  it('improved conversion of a constant RDP curve [TFP-RDP test_get_privacy_spent_check_target_delta]', () => {
    const orders = Array.from({ length: 31 }, (_, i) => i + 2);
    const { epsilon, order } = epsilonFromRdp(orders, orders.map(() => 1.1), 1e-5);
    expect(epsilon).toBeCloseTo(1.32783806176, 9);
    expect(order).toBe(32);
  });

  it('the Gaussian mechanism scaled for exactly (1, 1e-6)-DP gives ε = 1 [TFP-RDP, same test]', () => {
    const orders = Array.from({ length: 99_000 }, (_, i) => 0.001 * (i + 1001));
    expect(epsilonFromRdp(orders, computeRdp(1, 4.530877117, 1, orders), 1e-6).epsilon).toBeCloseTo(1, 6);
  });

  it.each([
    [60000, 150, 1.3, 15, 1e-5, 0.7242234026109595, 19],
    [100000, 100, 1.0, 30, 1e-7, 1.4154988495444842, 13],
  ])('compute_dp_sgd_privacy(n=%i, batch=%i, σ=%f, epochs=%i, δ=%f) = %f at order %i [TFP-SGD]', (n, batch, sigma, epochs, delta, eps, order) => {
    const steps = Math.ceil((epochs * n) / batch);
    const got = createRdpAccountant(TFP_SGD_ORDERS).compose({ sampleRate: batch / n, noiseMultiplier: sigma, steps }).epsilon(delta);
    expect(got.epsilon).toBeCloseTo(eps, 9);
    expect(got.order).toBe(order);
  });

  it('compute_dp_sgd_privacy on a huge, barely noised run: ε ≈ 5.9e6 at order 1.25 [TFP-SGD Test2]', () => {
    const got = createRdpAccountant(TFP_SGD_ORDERS).compose({ sampleRate: 1024 / 1e8, noiseMultiplier: 0.1, steps: Math.ceil((10 * 1e8) / 1024) }).epsilon(1e-7);
    expect(Math.abs(got.epsilon / 5907982.3113978775 - 1)).toBeLessThan(1e-9);
    expect(got.order).toBe(1.25);
  });

  it('reproduces the MNIST DP-SGD tutorial: ε = 1.00, 1.04, 2.92 after 1, 2, 60 epochs (classic conversion) [TFP-MNIST]', () => {
    const perEpoch = Math.floor(60000 / 256);
    const eps = (epochs: number) => createRdpAccountant(DEFAULT_RDP_ORDERS).compose({ sampleRate: 256 / 60000, noiseMultiplier: 1.12, steps: epochs * perEpoch }).epsilon(1e-5, 'classic').epsilon;
    expect(eps(1).toFixed(2)).toBe('1.00');
    expect(eps(2).toFixed(2)).toBe('1.04');
    expect(eps(60).toFixed(2)).toBe('2.92');
    // The improved conversion (what this accountant uses by default) is strictly tighter.
    const improved = createRdpAccountant().compose({ sampleRate: 256 / 60000, noiseMultiplier: 1.12, steps: 60 * perEpoch }).epsilon(1e-5).epsilon;
    expect(improved).toBeLessThan(2.92);
    expect(improved).toBeGreaterThan(2.4);
  });
});

describe('composition and calibration', () => {
  it('composing rounds equals one event with all their steps, and ε grows with every round', () => {
    const round = { sampleRate: 0.05, noiseMultiplier: 1.1, steps: 20 };
    const byRound = createRdpAccountant();
    const eps: number[] = [];
    for (let r = 0; r < 5; r++) eps.push(byRound.compose(round).epsilon(1e-5).epsilon);
    const once = createRdpAccountant().compose({ ...round, steps: 100 }).epsilon(1e-5).epsilon;
    expect(eps[4]).toBeCloseTo(once, 10);
    for (let r = 1; r < 5; r++) expect(eps[r] as number).toBeGreaterThan(eps[r - 1] as number);
  });

  it('calibrates σ to a target ε: the result meets it, and 1% less noise would not', () => {
    const target = { targetEpsilon: 3, delta: 1e-5, sampleRate: 0.05, steps: 200 };
    const sigma = calibrateNoiseMultiplier(target);
    const eps = (s: number) => createRdpAccountant().compose({ sampleRate: 0.05, noiseMultiplier: s, steps: 200 }).epsilon(1e-5).epsilon;
    expect(eps(sigma)).toBeLessThanOrEqual(3);
    expect(eps(sigma * 0.99)).toBeGreaterThan(3);
  });
});
