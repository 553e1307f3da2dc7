import type { DpSettings } from './dp-trainer.ts';
import { calibrateNoiseMultiplier } from './calibrate-noise-multiplier.ts';
import { poissonStepsPerEpoch } from './poisson-subject-batches.ts';
import type { PrivacyBudget } from './privacy-budget.ts';
import type { SampledGaussianEvent } from './sampled-gaussian-event.ts';

/** A region's DP plan for one model: the mechanism settings, and the rounds its budget is spread over. */
export interface DpPlan extends Omit<DpSettings, 'noiseMultiplier'> {
  /** Rounds the budget must last: σ is calibrated so that this many rounds spend it exactly. */
  plannedRounds: number;
}

/**
 * Subject-level DP defaults, chosen by `bench/dp-tradeoff.bench.ts` on the
 * intent model (the hardest: 77 classes, ~1,100 subjects per region):
 * - full batches (q = 1): with N ≈ 10³ subjects, amplification by sampling
 *   buys less than the larger batch does; the noise per coordinate is σC/N;
 * - 5 noisy steps per round at learning rate 0.3: Adam moves every noisy
 *   coordinate by about the learning rate per step, so few, large, well-averaged
 *   steps beat many small noisy ones (the old setting — 256 subjects per step,
 *   1 epoch, lr 0.03 — collapsed to one class: 1–2 % accuracy at ε = 8);
 * - C = 1, at most 4 messages per subject per step;
 * - σ calibrated so the budget lasts 5 rounds.
 * Measured: see bench/results/dp-tradeoff.json.
 */
export const DEFAULT_DP_PLAN: DpPlan = Object.freeze({
  clipNorm: 1,
  maxExamplesPerSubject: 4,
  expectedSubjectsPerStep: Number.POSITIVE_INFINITY,
  localEpochs: 5,
  learningRate: 0.3,
  plannedRounds: 5,
});

/**
 * The full DP settings for a plan: σ such that `plannedRounds` more rounds
 * (after `previous`, the model's recorded spend) reach the budget exactly.
 * With q = 1 σ does not depend on the (private) subject count.
 *
 * @example
 * const settings = dpSettingsFor(DEFAULT_DP_PLAN, profile.privacyBudget.intent, 1144);
 * settings.noiseMultiplier; // ≈ 3.19 for ε = 8, δ = 1e-5
 */
export function dpSettingsFor(plan: DpPlan, budget: PrivacyBudget, subjects: number, previous: readonly SampledGaussianEvent[] = []): DpSettings {
  const sampleRate = Math.min(1, plan.expectedSubjectsPerStep / Math.max(1, subjects));
  const steps = plan.plannedRounds * (plan.localEpochs ?? 1) * poissonStepsPerEpoch(sampleRate);
  const noiseMultiplier = Number.isFinite(budget.epsilon) ? calibrateNoiseMultiplier({ targetEpsilon: budget.epsilon, delta: budget.delta, sampleRate, steps, previous }) : 0;
  const { plannedRounds: _, ...settings } = plan;
  return { ...settings, expectedSubjectsPerStep: Math.min(plan.expectedSubjectsPerStep, subjects), noiseMultiplier };
}
