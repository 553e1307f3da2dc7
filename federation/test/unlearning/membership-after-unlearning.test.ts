import { describe, expect, it } from 'vitest';
import { loadRegionData } from '../../src/data/load-region-data.ts';
import { initWeights } from '../../src/model/init-weights.ts';
import { modelHash } from '../../src/model/model-hash.ts';
import type { ModelSpec } from '../../src/model/model-spec.ts';
import { referenceEngine } from '../../src/model/reference/reference-engine.ts';
import type { Weights } from '../../src/model/weights.ts';
import { lossThresholdAttack } from '../../src/privacy/loss-threshold-attack.ts';
import { subjectLosses } from '../../src/privacy/subject-losses.ts';
import { rawWeightsCodec } from '../../src/registry/raw-weights-codec.ts';
import { createFedAvg } from '../../src/strategy/fed-avg/fed-avg.ts';
import { fnv1a32 } from '../../src/tokenizer/fnv1a-32.ts';
import { DEFAULT_TOKENIZER_CONFIG } from '../../src/tokenizer/tokenizer-config.ts';
import { featurizeExamples } from '../../src/training/featurize-examples.ts';
import { trainLocal } from '../../src/training/train-local.ts';
import type { TrainingExample } from '../../src/training/training-example.ts';
import type { HistoricRound } from '../../src/unlearning/historic-round.ts';
import { planUnlearning } from '../../src/unlearning/plan-unlearning.ts';
import { plainReplayAggregation } from '../../src/unlearning/replay-aggregation.ts';
import { retrainForward, type ReplayParticipant } from '../../src/unlearning/retrain-forward.ts';

// Banking77 halves as eu and sea (3,000 training messages each, a 2^14 × 16 model for speed).
// eu's subjects are split by a hash of their id: E (trained from round 2, then erased),
// N (never seen: same distribution, the attack's non-members) and the rest (kept).
// Six local epochs a round make the model overfit, so before unlearning the
// loss-threshold attack (Yeom et al. 2018) tells E from N well.
const data = loadRegionData('intent', { maxTrainPerSource: 3_000 });
const spec: ModelSpec = { task: 'intent', labels: data.labels, dim: 16, tokenizer: { ...DEFAULT_TOKENIZER_CONFIG, buckets: 1 << 14 } };
const eu = featurizeExamples(data.regions.eu.train, spec.tokenizer);
const sea = featurizeExamples(data.regions.sea.train, spec.tokenizer);
const group = (x: TrainingExample) => fnv1a32(x.subjectId) % 4;
const erased = eu.filter((x) => group(x) === 0);
const neverSeen = eu.filter((x) => group(x) === 1);
const kept = eu.filter((x) => group(x) >= 2);
const ROUNDS = 3;
const strategy = createFedAvg({ schedule: { rounds: ROUNDS, localEpochs: 6, learningRate: 0.03, learningRateEnd: 0, batchSize: 32 }, weighting: 'uniform', serverLearningRate: 1.5 });
const hashOf = (w: Weights) => modelHash(rawWeightsCodec.encode(w));

function probe(weights: Weights) {
  const members = [...subjectLosses(weights, spec, erased, referenceEngine).values()];
  const nonMembers = [...subjectLosses(weights, spec, neverSeen, referenceEngine).values()];
  return lossThresholdAttack(members, nonMembers);
}

const participants = (euData: (round: number) => readonly TrainingExample[]): ReplayParticipant[] => [
  { region: 'eu', trainer: (g, config) => trainLocal(g, euData(config.round), config, { spec, region: 'eu', engine: referenceEngine }) },
  { region: 'sea', trainer: (g, config) => trainLocal(g, sea, config, { spec, region: 'sea', engine: referenceEngine }) },
];

describe('membership inference on erased subjects after unlearning', () => {
  it('before unlearning the probe tells erased subjects from never-seen ones; after, it does no better than chance', async () => {
    // The original federation, recording every round's models as the coordinator would.
    const models = new Map<string, Weights>();
    const history: HistoricRound[] = [];
    const init = initWeights(spec, 1);
    models.set(hashOf(init), init);
    const original = await retrainForward({
      federation: 'intent',
      start: init,
      rounds: Array.from({ length: ROUNDS }, (_, i) => ({ round: i + 1, status: 'closed' as const, strategy: 'fedavg', config: strategy.configureFit(i + 1), invited: ['eu', 'sea'], contributors: ['eu', 'sea'], modelIn: '', modelOut: '' })),
      participants: participants((round) => (round === 1 ? kept : [...kept, ...erased])),
      aggregation: plainReplayAggregation(strategy),
      hashOf,
      onRound: ({ round, modelIn, modelOut, weights }) => {
        models.set(modelOut!, weights);
        history.push({ round, status: 'closed', strategy: 'fedavg', config: strategy.configureFit(round), invited: ['eu', 'sea'], contributors: ['eu', 'sea'], modelIn, modelOut });
      },
    });

    const plan = planUnlearning({ history, affected: [{ region: 'eu', rounds: [2, 3] }], checkpoint: { round: ROUNDS, modelHash: original.modelHash }, statefulStrategy: false });
    if (plan.kind !== 'rollback') throw new Error(`expected a rollback, got ${plan.kind}`);
    expect(plan.rolledBackTo).toBe(1);
    const unlearned = await retrainForward({ federation: 'intent', start: models.get(plan.startModel)!, rounds: plan.replay, participants: participants(() => kept), aggregation: plainReplayAggregation(strategy), hashOf });

    const before = probe(original.weights);
    const after = probe(unlearned.weights);
    // Half-width of the no-signal band: the best-threshold advantage between two samples of one
    // distribution stays under it with 99.9% probability (Kolmogorov–Smirnov, 1.95·√((m+n)/(m·n))).
    const band = 1.95 * Math.sqrt((after.members + after.nonMembers) / (after.members * after.nonMembers));
    console.log(JSON.stringify({ subjects: { erased: after.members, neverSeen: after.nonMembers }, before: before.advantage, after: after.advantage, band }));
    expect(after.members).toBeGreaterThan(100);
    expect(before.advantage).toBeGreaterThan(band + 0.1);
    expect(after.advantage).toBeLessThan(band);
    expect(before.advantage - after.advantage).toBeGreaterThan(0.2);
  }, 180_000);
});
