import { describe, expect, it } from 'vitest';
import { loadRegionProfile } from '@meridian/core/policy/load-region-profile.ts';
import { loadRegionData } from '../../src/data/load-region-data.ts';
import { addWeights } from '../../src/model/add-weights.ts';
import { initWeights } from '../../src/model/init-weights.ts';
import type { ModelSpec } from '../../src/model/model-spec.ts';
import { referenceEngine } from '../../src/model/reference/reference-engine.ts';
import type { Weights } from '../../src/model/weights.ts';
import { fnv1a32 } from '../../src/tokenizer/fnv1a-32.ts';
import { DEFAULT_TOKENIZER_CONFIG } from '../../src/tokenizer/tokenizer-config.ts';
import { featurizeExamples } from '../../src/training/featurize-examples.ts';
import { trainLocal } from '../../src/training/train-local.ts';
import { calibrateNoiseMultiplier } from '../../src/privacy/calibrate-noise-multiplier.ts';
import { dpTrainer } from '../../src/privacy/dp-trainer.ts';
import { lossThresholdAttack } from '../../src/privacy/loss-threshold-attack.ts';
import type { MembershipAttackResult } from '../../src/privacy/loss-threshold-attack.ts';
import { membershipAdvantageBound } from '../../src/privacy/membership-advantage-bound.ts';
import { createMemoryPrivacySpendStore } from '../../src/privacy/memory-privacy-spend-store.ts';
import { poissonStepsPerEpoch } from '../../src/privacy/poisson-subject-batches.ts';
import { subjectLosses } from '../../src/privacy/subject-losses.ts';

// Banking77, EU region's training split. Its subjects are split in two by a hash of the
// subject id: members (trained on) and non-members (held out), so both sides come from the
// same distribution and the attack sees only membership. A small model (2^14 × 16) keeps
// the test near 10 s; bench/dp-tradeoff.bench.ts runs the full-size model.
const data = loadRegionData('intent');
const spec: ModelSpec = { task: 'intent', labels: data.labels, dim: 16, tokenizer: { ...DEFAULT_TOKENIZER_CONFIG, buckets: 1 << 14 } };
const all = featurizeExamples(data.regions.eu.train, spec.tokenizer);
const isMember = (subject: string) => fnv1a32(subject) % 2 === 0;
const members = all.filter((x) => isMember(x.subjectId));
const nonMembers = all.filter((x) => !isMember(x.subjectId));
const N = new Set(members.map((x) => x.subjectId)).size;
const EPOCHS = 15; // enough for the non-private model to overfit (train loss ≪ held-out loss)
const config = { round: 1, localEpochs: EPOCHS, learningRate: 0.03, learningRateEnd: 0, proximalMu: 0, batchSize: 32 };
const context = { federation: 'mia', round: 1, modelHash: 'h', signal: new AbortController().signal };

function attack(weights: Weights): MembershipAttackResult {
  const m = subjectLosses(weights, spec, members, referenceEngine);
  const n = subjectLosses(weights, spec, nonMembers, referenceEngine);
  return lossThresholdAttack([...m.values()], [...n.values()]);
}

describe('membership inference (Yeom et al. 2018 loss threshold, subject level)', () => {
  it('at the default ε its advantage is within the DP bound, and without DP it is measurably higher', async () => {
    const init = initWeights(spec, 1);
    const plain = await trainLocal(init, members, config, { spec, region: 'eu', engine: referenceEngine, seed: 1 });
    const plainAttack = attack(addWeights(init, plain.delta));

    const budget = loadRegionProfile('eu').privacyBudget.intent as { epsilon: number; delta: number };
    const expectedSubjectsPerStep = 64;
    const q = expectedSubjectsPerStep / N;
    // Spend the whole default budget in this one run: the strongest model DP allows.
    const noiseMultiplier = calibrateNoiseMultiplier({ targetEpsilon: budget.epsilon, delta: budget.delta, sampleRate: q, steps: EPOCHS * poissonStepsPerEpoch(q) });
    const trainer = dpTrainer({
      region: 'eu', model: 'intent', spec, budget, store: createMemoryPrivacySpendStore(), subjects: N,
      clipNorm: 1, noiseMultiplier, maxExamplesPerSubject: 4, expectedSubjectsPerStep, seed: new Uint8Array(32).fill(1),
      train: (g, c, _ctx, hooks) => trainLocal(g, members, c, { spec, region: 'eu', engine: referenceEngine, seed: 1, ...hooks }),
    });
    const dp = await trainer(init, config, context);
    const epsilon = dp.metrics?.epsilon as number;
    const dpAttack = attack(addWeights(init, dp.delta));
    const bound = membershipAdvantageBound(epsilon, budget.delta);

    console.log(JSON.stringify({
      subjects: { members: plainAttack.members, nonMembers: plainAttack.nonMembers },
      noDp: plainAttack,
      dp: { epsilon, delta: budget.delta, noiseMultiplier, sampleRate: q, steps: dp.metrics?.steps, attack: dpAttack, bound },
      // Half-width of the no-signal band: the best-threshold advantage between two samples of the same
      // distribution stays under this with 99.9% probability (Kolmogorov–Smirnov, 1.95·√(2/n)).
      noSignalBand: 1.95 * Math.sqrt(2 / plainAttack.members),
    }));
    expect(epsilon).toBeLessThanOrEqual(budget.epsilon);
    expect(dpAttack.advantage).toBeLessThanOrEqual(bound);
    expect(plainAttack.advantage).toBeGreaterThan(0.3);
    expect(plainAttack.advantage).toBeGreaterThan(dpAttack.advantage + 0.2);
  });
});
