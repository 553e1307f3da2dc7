import { createHash } from 'node:crypto';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { ModelSpec } from '../model/model-spec.ts';
import type { Weights } from '../model/weights.ts';
import type { LocalTrainer, LocalTrainingContext } from '../round/local-trainer.ts';
import type { FitConfig, FitResult } from '../strategy/strategy.ts';
import type { GradientTransform } from '../training/gradient-transform.ts';
import type { LocalTrainingOptions } from '../training/train-local.ts';
import { poissonStepsPerEpoch, poissonSubjectBatches } from './poisson-subject-batches.ts';
import type { PrivacyBudget } from './privacy-budget.ts';
import type { PrivacySpendStore } from './privacy-spend-store.ts';
import { createRdpAccountant } from './rdp-accountant.ts';
import type { SampledGaussianEvent } from './sampled-gaussian-event.ts';
import { createSecureRandom } from './secure-random.ts';
import { subjectDpSgd } from './subject-dp-sgd.ts';

/** The DP pieces the wrapped trainer must hand to `trainLocal`. */
export type DpTrainingHooks = Required<Pick<LocalTrainingOptions, 'planner' | 'transform'>>;

/**
 * A `LocalTrainer` that accepts DP hooks, typically
 * `(global, config, _ctx, hooks) => trainLocal(global, examples, config, { spec, region, engine, ...hooks })`.
 */
export type HookedLocalTrainer = (global: Weights, config: FitConfig, context: LocalTrainingContext, hooks: DpTrainingHooks) => Promise<FitResult> | FitResult;

/** Subject-level DP settings of a region's local training. */
export interface DpSettings {
  /** C, per subject and step, over all parameters. */
  clipNorm: number;
  /** σ; 0 trains with clipping and sampling only (ε = ∞: refused unless the budget is infinite). */
  noiseMultiplier: number;
  /** k: messages a subject brings to a step at most. */
  maxExamplesPerSubject: number;
  /** q·N: subjects per step in expectation (q = min(1, this / subjects)). */
  expectedSubjectsPerStep: number;
  /**
   * The region's own local schedule under DP, overriding the round's
   * `localEpochs` / `learningRate` (the coordinator's schedule is tuned for
   * noiseless training: DP wants full batches, several noisy steps and a
   * larger learning rate; see `DEFAULT_DP_SETTINGS`). Unset: the round's.
   */
  localEpochs?: number;
  learningRate?: number;
}

export interface DpTrainerOptions extends DpSettings {
  region: string;
  /** Model (task) the budget is kept for, e.g. `intent`. */
  model: string;
  spec: ModelSpec;
  budget: PrivacyBudget;
  store: PrivacySpendStore;
  /**
   * N: data subjects in the local training set. Treated as public, as every
   * DP-SGD analysis does when it states q = batch / N.
   */
  subjects: number;
  train: HookedLocalTrainer;
  /** 32-byte seed for sampling and noise (tests, benches); default: fresh `randomBytes` each round. */
  seed?: Uint8Array;
}

/**
 * Wraps local training with subject-level DP and the region's ε budget (DESIGN.md §6):
 * 1. Before anything touches the data, the RDP accountant composes the model's
 *    recorded spend with this round's event (q, σ, epochs × round(1/q) steps).
 *    If the total ε at the budget's δ would exceed the budget, it throws
 *    `MeridianError('BUDGET_EXCEEDED')`: no gradient is computed, and the
 *    participant reports the code as its failure for the round.
 * 2. Otherwise it trains through `train` with a Poisson subject planner and the
 *    `subjectDpSgd` transform, both drawing from a ChaCha20 stream, and checks
 *    the trainer really took every planned noisy step (a trainer that ignored
 *    the hooks would otherwise ship an undefended update labelled with an ε).
 * 3. It records the spend in the store before returning (a crash over-counts, never under-counts).
 * 4. The FitResult keeps only data-independent metrics: the training loss,
 *    touched rows and realised example count are private and are dropped;
 *    `numExamples` is the expected number of subject contributions. `epsilon`
 *    (cumulative, at `delta`) and the DP settings go into `metrics`, from
 *    where `privacyAnnotations` copies them into the update's annotations, the
 *    round record and the ledger.
 *
 * @example
 * const trainer = dpTrainer({ region: 'eu', model: 'intent', spec, budget: profile.privacyBudget.intent, store, subjects: 1144,
 *   clipNorm: 1, noiseMultiplier: 1.1, maxExamplesPerSubject: 4, expectedSubjectsPerStep: 256,
 *   train: (global, config, _ctx, hooks) => trainLocal(global, examples, config, { spec, region: 'eu', engine, ...hooks }) });
 * runRoundsAsParticipant({ ..., trainer, transforms: [privacyAnnotations] });
 */
export function dpTrainer(options: DpTrainerOptions): LocalTrainer {
  const { region, model, budget, store, subjects } = options;
  if (!(subjects >= 1) || !(options.expectedSubjectsPerStep > 0) || !(budget.delta > 0 && budget.delta < 1) || !(budget.epsilon >= 0)) {
    throw new MeridianError('BAD_INPUT', 'DP trainer needs N ≥ 1 subjects, a positive expected batch and a budget with 0 < δ < 1', {
      subjects,
      expectedSubjectsPerStep: options.expectedSubjectsPerStep,
      budgetEpsilon: budget.epsilon,
      budgetDelta: budget.delta,
    });
  }
  const sampleRate = Math.min(1, options.expectedSubjectsPerStep / subjects);
  return async (global, roundConfig, context) => {
    const config: FitConfig = {
      ...roundConfig,
      ...(options.localEpochs !== undefined ? { localEpochs: options.localEpochs } : {}),
      ...(options.learningRate !== undefined ? { learningRate: options.learningRate, learningRateEnd: options.learningRate } : {}),
    };
    const epochs = config.localEpochs;
    if (!(Number.isInteger(epochs) && epochs >= 0)) throw new MeridianError('BAD_INPUT', 'local epochs must be a whole number under DP', { localEpochs: epochs });
    const steps = epochs * poissonStepsPerEpoch(sampleRate);
    const event: SampledGaussianEvent = { sampleRate, noiseMultiplier: options.noiseMultiplier, steps };
    const previous = await store.load(region, model);
    const before = previous.length === 0 ? 0 : createRdpAccountant().compose(...previous.map((e) => e.event)).epsilon(budget.delta).epsilon;
    const after = createRdpAccountant().compose(...previous.map((e) => e.event), event).epsilon(budget.delta).epsilon;
    // Written so that a NaN ε refuses too.
    if (!(after <= budget.epsilon)) {
      throw new MeridianError('BUDGET_EXCEEDED', `round ${config.round} would take ${model} in ${region} to ε = ${fmt(after)}, past its budget of ${budget.epsilon}`, {
        region,
        model,
        round: config.round,
        spentEpsilon: before,
        wouldSpendEpsilon: after,
        budgetEpsilon: budget.epsilon,
        delta: budget.delta,
      });
    }
    const random = createSecureRandom(options.seed ? roundSeed(options.seed, context.federation, config.round) : undefined);
    let noisySteps = 0;
    const inner = subjectDpSgd({ spec: options.spec, clipNorm: options.clipNorm, noiseMultiplier: options.noiseMultiplier, expectedSubjects: sampleRate * subjects, random });
    const transform: GradientTransform = {
      name: inner.name,
      combine(contributions, ctx) {
        noisySteps++;
        return inner.combine(contributions, ctx);
      },
    };
    const planner = poissonSubjectBatches({ sampleRate, maxExamplesPerSubject: options.maxExamplesPerSubject, uniform: random.uniform });
    const fit = await options.train(global, config, context, { planner, transform });
    if (noisySteps !== steps) {
      throw new MeridianError('INTERNAL', 'the wrapped trainer did not take the planned DP steps; its update is not released', { planned: steps, taken: noisySteps });
    }
    await store.record(region, model, {
      federation: context.federation,
      round: config.round,
      event,
      clipNorm: options.clipNorm,
      epsilon: after,
      delta: budget.delta,
      at: new Date().toISOString(),
    });
    return {
      region: fit.region,
      numExamples: Math.round(sampleRate * subjects * steps),
      delta: fit.delta,
      metrics: {
        steps,
        seconds: fit.metrics?.seconds ?? 0,
        epsilon: after,
        delta: budget.delta,
        dpNoiseMultiplier: options.noiseMultiplier,
        dpClipNorm: options.clipNorm,
        dpSampleRate: sampleRate,
        dpMaxExamplesPerSubject: options.maxExamplesPerSubject,
      },
    };
  };
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : '∞';
}

/** A distinct stream per round from one seed: reusing noise across rounds would let it cancel in their difference. */
function roundSeed(seed: Uint8Array, federation: string, round: number): Uint8Array {
  return createHash('sha256').update(seed).update(`\u0000${federation}\u0000${round}`).digest();
}
