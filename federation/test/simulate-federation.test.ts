import { describe, expect, it } from 'vitest';
import { loadRegionData } from '../src/data/load-region-data.ts';
import { initWeights } from '../src/model/init-weights.ts';
import type { ModelSpec } from '../src/model/model-spec.ts';
import { referenceEngine } from '../src/model/reference/reference-engine.ts';
import { simulateFederation } from '../src/simulation/simulate-federation.ts';
import { trainBaseline } from '../src/simulation/train-baseline.ts';
import { createFedAvg } from '../src/strategy/fed-avg/fed-avg.ts';
import { evaluateModel } from '../src/training/evaluate-model.ts';
import { featurizeExamples } from '../src/training/featurize-examples.ts';
import { trainLocal } from '../src/training/train-local.ts';
import { TINY_SPEC, toyExamples } from './helpers.ts';

describe('simulateFederation', () => {
  it('trains the intent model across eu / sea / me on real data and reports every round', async () => {
    const data = loadRegionData('intent', { maxTrainPerSource: 2500, maxTestPerSource: 300 });
    const spec: ModelSpec = { task: 'intent', labels: data.labels, dim: 16, tokenizer: { buckets: 1 << 13, wordNgrams: 2, charNgramMin: 2, charNgramMax: 4 } };
    const regions = Object.entries(data.regions).map(([region, s]) => ({ region, train: featurizeExamples(s.train, spec.tokenizer), test: featurizeExamples(s.test, spec.tokenizer) }));
    const schedule = { rounds: 4, localEpochs: 1, learningRate: 0.03, batchSize: 32 };
    const result = await simulateFederation({ spec, regions, strategy: createFedAvg({ schedule, serverLearningRate: 1.5 }), rounds: 4, engine: referenceEngine, initialWeights: initWeights(spec, 1) });
    expect(result.rounds.map((r) => r.round)).toEqual([1, 2, 3, 4]);
    for (const region of ['eu', 'sea', 'me']) {
      expect(result.rounds[3]?.evaluation[region]?.accuracy).toBeGreaterThan(0.3);
      expect(result.rounds[3]?.evaluation[region]?.accuracy).toBeGreaterThan(result.rounds[0]?.evaluation[region]?.accuracy ?? 1);
      expect(result.final[region]?.perClass.length).toBe(77);
    }
    // The pooled baseline runs on the same schedule.
    const central = await trainBaseline(spec, regions.flatMap((r) => r.train), schedule, referenceEngine, initWeights(spec, 1));
    expect(evaluateModel(central, spec, regions[0]?.test ?? [], referenceEngine).accuracy).toBeGreaterThan(0.3);
  });

  it('completes a round when a region drops, with the survivors’ average as the new model', async () => {
    const regions = [
      { region: 'eu', train: toyExamples(60, 1), test: toyExamples(20, 9) },
      { region: 'sea', train: toyExamples(60, 2), test: toyExamples(20, 9) },
      { region: 'me', train: toyExamples(60, 3), test: toyExamples(20, 9) },
    ];
    const schedule = { rounds: 1, localEpochs: 1, learningRate: 0.05, batchSize: 8 };
    const initial = initWeights(TINY_SPEC, 4);
    const result = await simulateFederation({
      spec: TINY_SPEC,
      regions,
      strategy: createFedAvg({ schedule, weighting: 'examples' }),
      rounds: 1,
      engine: referenceEngine,
      initialWeights: initial,
      dropout: (_round, region) => region === 'sea',
    });
    expect(result.rounds[0]?.failures).toEqual(['sea']);
    expect(Object.keys(result.rounds[0]?.fit ?? {})).toEqual(['eu', 'me']);
    const config = createFedAvg({ schedule }).configureFit(1);
    // Seeds follow simulateFederation's rule: round·101 + region index.
    const eu = await trainLocal(initial, regions[0]?.train ?? [], config, { spec: TINY_SPEC, region: 'eu', engine: referenceEngine, seed: 101 });
    const me = await trainLocal(initial, regions[2]?.train ?? [], config, { spec: TINY_SPEC, region: 'me', engine: referenceEngine, seed: 103 });
    const expected = createFedAvg({ schedule, weighting: 'examples' }).aggregate(1, initial, [eu, me], ['sea']);
    expect(Array.from(result.weights['output/kernel'] ?? [])).toEqual(Array.from(expected['output/kernel'] ?? []));
    expect(Array.from(result.weights.embedding ?? [])).toEqual(Array.from(expected.embedding ?? []));
  });
});
