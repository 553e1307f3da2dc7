import { FASTTEXT_PARAMS } from './fasttext-params.ts';
import type { ModelSpec } from './model-spec.ts';
import { seededRandom } from './seeded-random.ts';
import type { Weights } from './weights.ts';

/**
 * Initial weights of a fastText classifier, deterministic in `seed`, so every
 * participant of a federation can agree on round 0 by hash. As in fastText:
 * embeddings uniform in [-1/dim, 1/dim], output layer zero (the first step
 * then learns the label prior and the embeddings start moving one step later).
 *
 * @example
 * const w = initWeights(spec, 7);
 * w['output/bias']!.every((x) => x === 0); // true
 */
export function initWeights(spec: ModelSpec, seed: number): Weights {
  const rnd = seededRandom(seed);
  const emb = new Float32Array(spec.tokenizer.buckets * spec.dim);
  const scale = 1 / spec.dim;
  for (let i = 0; i < emb.length; i++) emb[i] = (rnd() * 2 - 1) * scale;
  return {
    [FASTTEXT_PARAMS.embedding]: emb,
    [FASTTEXT_PARAMS.kernel]: new Float32Array(spec.dim * spec.labels.length),
    [FASTTEXT_PARAMS.bias]: new Float32Array(spec.labels.length),
  };
}
