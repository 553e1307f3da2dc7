import { describe, expect, it } from 'vitest';
import { createClassifier } from '../src/inference/create-classifier.ts';
import { createMessageClassifier } from '../src/inference/create-message-classifier.ts';
import { addWeights } from '../src/model/add-weights.ts';
import { initWeights } from '../src/model/init-weights.ts';
import type { ModelSpec } from '../src/model/model-spec.ts';
import { referenceEngine } from '../src/model/reference/reference-engine.ts';
import { createTfjsEngine } from '../src/model/tfjs/tfjs-engine.ts';
import { featurizeExamples } from '../src/training/featurize-examples.ts';
import { trainLocal } from '../src/training/train-local.ts';

const spec: ModelSpec = { task: 'toy-intent', labels: ['card_arrival', 'refund'], dim: 8, tokenizer: { buckets: 1 << 10, wordNgrams: 2, charNgramMin: 2, charNgramMax: 4 } };
const texts = [
  ['my card has not arrived', 0],
  ['where is my new card', 0],
  ['card still not here', 0],
  ['I want a refund', 1],
  ['refund my money please', 1],
  ['how do I get my money back', 1],
] as const;

async function trained() {
  const examples = featurizeExamples(texts.map(([text, label], i) => ({ text, label, subjectId: `s${i}` })), spec.tokenizer);
  const global = initWeights(spec, 1);
  const fit = await trainLocal(global, examples, { round: 1, localEpochs: 30, learningRate: 0.05, proximalMu: 0, batchSize: 2 }, { spec, region: 'eu', engine: referenceEngine });
  return { spec, weights: addWeights(global, fit.delta) };
}

describe('createClassifier', () => {
  it('returns label, class id and confidence; batch equals single calls; TF.js agrees with the reference', async () => {
    const model = await trained();
    const ref = createClassifier(model, referenceEngine);
    const tf = createClassifier(model, await createTfjsEngine());
    const p = ref.classify('my card did not arrive');
    expect(p.label).toBe('card_arrival');
    expect(p.classId).toBe(0);
    expect(p.confidence).toBeGreaterThan(0.5);
    expect(p.confidence).toBeLessThanOrEqual(1);
    expect(ref.classify('refund please').label).toBe('refund');
    const batch = ['my card did not arrive', 'refund please', ''];
    const singles = batch.map((t) => ref.classify(t));
    ref.classifyBatch(batch).forEach((b, i) => {
      expect(b.label).toBe(singles[i]?.label);
      expect(b.confidence).toBeCloseTo(singles[i]?.confidence ?? 0, 6);
    });
    tf.classifyBatch(batch).forEach((b, i) => {
      expect(b.label).toBe(singles[i]?.label);
      expect(b.confidence).toBeCloseTo(singles[i]?.confidence ?? 0, 5);
    });
    expect(ref.classifyBatch([])).toEqual([]);
  });

  it('combines the three task classifiers into one message classification', async () => {
    const model = await trained();
    const c = createClassifier(model, referenceEngine);
    const mc = createMessageClassifier({ intent: c, sentiment: c, emotion: c });
    const out = mc.classify('refund my money');
    expect(Object.keys(out)).toEqual(['intent', 'sentiment', 'emotion']);
    expect(out.intent.label).toBe('refund');
    expect(mc.classifyBatch(['a', 'b']).length).toBe(2);
  });
});
