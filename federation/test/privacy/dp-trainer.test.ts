import { describe, expect, it } from 'vitest';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { loadRegionProfile } from '@meridian/core/policy/load-region-profile.ts';
import type { FastTextEngine } from '../../src/model/fasttext-engine.ts';
import { initWeights } from '../../src/model/init-weights.ts';
import { modelHash } from '../../src/model/model-hash.ts';
import { referenceEngine } from '../../src/model/reference/reference-engine.ts';
import { serializeModel } from '../../src/model/serialize-model.ts';
import type { Weights } from '../../src/model/weights.ts';
import { envelopeOfFitResult } from '../../src/round/envelope-of-fit-result.ts';
import type { LocalTrainingContext } from '../../src/round/local-trainer.ts';
import type { FitConfig } from '../../src/strategy/strategy.ts';
import { trainLocal } from '../../src/training/train-local.ts';
import { dpTrainer } from '../../src/privacy/dp-trainer.ts';
import type { DpTrainerOptions } from '../../src/privacy/dp-trainer.ts';
import { createMemoryPrivacySpendStore } from '../../src/privacy/memory-privacy-spend-store.ts';
import { privacyAnnotations } from '../../src/privacy/privacy-annotations.ts';
import { createRdpAccountant } from '../../src/privacy/rdp-accountant.ts';
import { summarizePrivacySpend } from '../../src/privacy/summarize-privacy-spend.ts';
import { TINY_SPEC, toyExamples } from '../helpers.ts';

const examples = toyExamples(600, 11);
const subjects = new Set(examples.map((x) => x.subjectId)).size;
const config: FitConfig = { round: 1, localEpochs: 1, learningRate: 0.02, proximalMu: 0, batchSize: 32 };
const context = (round: number): LocalTrainingContext => ({ federation: 'toy', round, modelHash: 'h', signal: new AbortController().signal });
const hashOf = (w: Weights) => modelHash(serializeModel({ spec: TINY_SPEC, weights: w }, { round: 0 }));

/** An engine that counts every gradient it computes. */
function countingEngine(): FastTextEngine & { gradients: number } {
  const e = {
    name: 'counting',
    gradients: 0,
    probabilities: referenceEngine.probabilities,
    lossAndGradient: (...args: Parameters<FastTextEngine['lossAndGradient']>) => {
      e.gradients++;
      return referenceEngine.lossAndGradient(...args);
    },
  };
  return e;
}

function options(engine: FastTextEngine, over: Partial<DpTrainerOptions> = {}): DpTrainerOptions {
  return {
    region: 'eu',
    model: 'toy',
    spec: TINY_SPEC,
    budget: { epsilon: 8, delta: 1e-5 },
    store: createMemoryPrivacySpendStore(),
    subjects,
    clipNorm: 1,
    noiseMultiplier: 1.0,
    maxExamplesPerSubject: 2,
    expectedSubjectsPerStep: 30,
    seed: new Uint8Array(32).fill(3),
    train: (global, c, _ctx, hooks) => trainLocal(global, examples, c, { spec: TINY_SPEC, region: 'eu', engine, ...hooks }),
    ...over,
  };
}

describe('the region profiles carry a DP budget per model', () => {
  it.each(['eu', 'sea', 'me'] as const)('%s has (ε, δ) for intent, sentiment and emotion', (region) => {
    const { privacyBudget } = loadRegionProfile(region);
    for (const task of ['intent', 'sentiment', 'emotion']) {
      expect(privacyBudget[task]?.epsilon).toBeGreaterThan(0);
      expect(privacyBudget[task]?.delta).toBeLessThan(1e-4);
    }
  });
});

describe('dpTrainer', () => {
  it('trains with DP, records the spend, and annotates the update with the cumulative ε and δ', async () => {
    const engine = countingEngine();
    const o = options(engine);
    const global = initWeights(TINY_SPEC, 1);
    const fit = await dpTrainer(o)(global, config, context(1));
    expect(engine.gradients).toBeGreaterThan(0);
    const spent = await o.store.load('eu', 'toy');
    expect(spent).toHaveLength(1);
    const q = 30 / subjects;
    const expected = createRdpAccountant().compose({ sampleRate: q, noiseMultiplier: 1, steps: Math.round(1 / q) }).epsilon(1e-5).epsilon;
    expect(spent[0]?.epsilon).toBeCloseTo(expected, 12);
    // Private statistics do not leave: no training loss, no touched rows, no realised sample size.
    expect(Object.keys(fit.metrics ?? {}).sort()).toEqual(['delta', 'dpClipNorm', 'dpMaxExamplesPerSubject', 'dpNoiseMultiplier', 'dpSampleRate', 'epsilon', 'seconds', 'steps']);
    const update = await privacyAnnotations.apply(envelopeOfFitResult(fit, { federation: 'toy', round: 1 }), undefined as never);
    expect(update.annotations.epsilon).toBeCloseTo(expected, 12);
    expect(update.annotations.delta).toBe(1e-5);
    // The noise is dense: every embedding row moved, not only the rows of sampled messages.
    const moved = fit.delta.embedding?.filter((x) => x !== 0).length ?? 0;
    expect(moved).toBe(TINY_SPEC.tokenizer.buckets * TINY_SPEC.dim);
  });

  it('refuses a round past the budget with BUDGET_EXCEEDED and trains nothing', async () => {
    const engine = countingEngine();
    let trainerCalls = 0;
    const o = options(engine, { noiseMultiplier: 2, budget: { epsilon: 2, delta: 1e-5 } });
    const inner = o.train;
    o.train = (...args) => (trainerCalls++, inner(...args));
    const trainer = dpTrainer(o);
    const global = initWeights(TINY_SPEC, 1);
    const before = hashOf(global);
    let round = 0;
    let refusal: unknown;
    for (; round < 100; round++) {
      try {
        await trainer(global, { ...config, round: round + 1 }, context(round + 1));
      } catch (e) {
        refusal = e;
        break;
      }
    }
    expect(round).toBeGreaterThan(0);
    expect(refusal).toBeInstanceOf(MeridianError);
    expect((refusal as MeridianError).code).toBe('BUDGET_EXCEEDED');
    expect((refusal as MeridianError).evidence.wouldSpendEpsilon as number).toBeGreaterThan(2);
    const spentBefore = await o.store.load('eu', 'toy');
    // Every recorded round kept the model within budget; the refused one recorded nothing.
    expect(spentBefore).toHaveLength(round);
    for (const e of spentBefore) expect(e.epsilon).toBeLessThanOrEqual(2);
    // Refusing again: not one gradient, no call into the wrapped trainer, the weights untouched.
    const gradients = engine.gradients;
    const calls = trainerCalls;
    await expect(trainer(global, { ...config, round: round + 2 }, context(round + 2))).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
    expect(engine.gradients).toBe(gradients);
    expect(trainerCalls).toBe(calls);
    expect(hashOf(global)).toBe(before);
    expect(await o.store.load('eu', 'toy')).toHaveLength(round);
    const summary = summarizePrivacySpend(await o.store.load('eu', 'toy'), o.budget);
    expect(summary.spent).toBeLessThanOrEqual(2);
    expect(summary.remaining).toBeCloseTo(2 - summary.spent, 12);
  });

  it('refuses before touching data when the first round alone is over budget', async () => {
    const engine = countingEngine();
    const o = options(engine, { noiseMultiplier: 0.3, budget: { epsilon: 0.5, delta: 1e-5 } });
    await expect(dpTrainer(o)(initWeights(TINY_SPEC, 1), config, context(1))).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
    expect(engine.gradients).toBe(0);
    expect(await o.store.load('eu', 'toy')).toHaveLength(0);
  });

  it('does not release an update from a trainer that ignored the DP hooks', async () => {
    const engine = countingEngine();
    const o = options(engine, { train: (global, c) => trainLocal(global, examples, c, { spec: TINY_SPEC, region: 'eu', engine }) });
    await expect(dpTrainer(o)(initWeights(TINY_SPEC, 1), config, context(1))).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(await o.store.load('eu', 'toy')).toHaveLength(0);
  });
});
