import { describe, expect, it } from 'vitest';
import { loadEngine } from '../../src/model/load-engine.ts';
import { initWeights } from '../../src/model/init-weights.ts';
import type { ModelSpec } from '../../src/model/model-spec.ts';
import type { Weights } from '../../src/model/weights.ts';
import { DEFAULT_TOKENIZER_CONFIG } from '../../src/tokenizer/tokenizer-config.ts';
import { featurizeExamples } from '../../src/training/featurize-examples.ts';
import { trainLocal } from '../../src/training/train-local.ts';

// Exact unlearning by replay rests on this: local training is a function of (weights, data, config, seed).
const labels = ['card', 'refund', 'other'];
const spec: ModelSpec = { task: 'intent', labels, dim: 8, tokenizer: { ...DEFAULT_TOKENIZER_CONFIG, buckets: 1 << 10 } };
const texts = ['my card has not arrived', 'I want a refund please', 'what time is it', 'card still missing after a week', 'refund the double charge', 'hello there'];
const examples = featurizeExamples(
  Array.from({ length: 60 }, (_, i) => ({ text: `${texts[i % texts.length]} ${i}`, label: i % 3, subjectId: `s${i % 17}` })),
  spec.tokenizer,
);
const config = { round: 1, localEpochs: 2, learningRate: 0.03, learningRateEnd: 0, proximalMu: 0, batchSize: 8 };
const bits = (w: Weights) => Object.entries(w).map(([k, v]) => [k, Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')]);

describe.each(['reference', 'tfjs'] as const)('local training on the %s engine', (name) => {
  it('is bit-for-bit deterministic for a seed (and the seed matters)', async () => {
    const engine = await loadEngine(name);
    const global = initWeights(spec, 1);
    const run = async (seed: number) => bits((await trainLocal(global, examples, config, { spec, region: 'eu', engine, seed })).delta);
    const a = await run(7);
    expect(await run(7)).toEqual(a);
    expect(await run(8)).not.toEqual(a);
  });
});
