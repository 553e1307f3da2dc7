import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { createRdpAccountant } from './rdp-accountant.ts';
import type { SampledGaussianEvent } from './sampled-gaussian-event.ts';

/** What a noise level must achieve. */
export interface NoiseCalibrationTarget {
  /** ε allowed once the planned steps (and `previous`) are spent. */
  targetEpsilon: number;
  delta: number;
  sampleRate: number;
  /** Steps still to run with the σ being chosen (e.g. rounds × steps per round). */
  steps: number;
  /** Events already spent against the same budget. */
  previous?: readonly SampledGaussianEvent[];
  orders?: readonly number[];
}

/**
 * The smallest noise multiplier σ (to 0.1% relative) for which the planned
 * steps keep the total at or under the target ε — what an operator needs to
 * turn "ε = 3 over 10 rounds" into a training setting. Bisection on σ, since ε
 * decreases monotonically in σ. Throws `BUDGET_EXCEEDED` when the previous
 * spend alone already exceeds the target.
 *
 * @example
 * calibrateNoiseMultiplier({ targetEpsilon: 3, delta: 1e-5, sampleRate: 0.05, steps: 200 }); // σ ≈ 1.2
 */
export function calibrateNoiseMultiplier(target: NoiseCalibrationTarget): number {
  const epsAt = (sigma: number): number => {
    const acc = createRdpAccountant(target.orders);
    acc.compose(...(target.previous ?? []), { sampleRate: target.sampleRate, noiseMultiplier: sigma, steps: target.steps });
    return acc.epsilon(target.delta).epsilon;
  };
  if (!(target.targetEpsilon > 0)) throw new MeridianError('BAD_INPUT', 'target ε must be positive', { targetEpsilon: target.targetEpsilon });
  if (epsAt(1e6) > target.targetEpsilon) {
    throw new MeridianError('BUDGET_EXCEEDED', 'no noise level keeps the planned steps within the target ε', { targetEpsilon: target.targetEpsilon, delta: target.delta });
  }
  let lo = 0.01;
  let hi = 1;
  while (epsAt(hi) > target.targetEpsilon) hi *= 2;
  if (epsAt(lo) <= target.targetEpsilon) return lo;
  while ((hi - lo) / hi > 1e-3) {
    const mid = (lo + hi) / 2;
    if (epsAt(mid) > target.targetEpsilon) lo = mid;
    else hi = mid;
  }
  return hi;
}
