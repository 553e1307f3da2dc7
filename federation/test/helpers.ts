import type { ModelSpec } from '../src/model/model-spec.ts';
import { seededRandom } from '../src/model/seeded-random.ts';
import type { TrainingExample } from '../src/training/training-example.ts';

/** A tiny spec so model tests run in milliseconds. */
export const TINY_SPEC: ModelSpec = Object.freeze({
  task: 'toy',
  labels: ['a', 'b', 'c'],
  dim: 6,
  tokenizer: { buckets: 64, wordNgrams: 2, charNgramMin: 2, charNgramMax: 3 },
});

/**
 * A learnable toy task: class c's examples draw most features from their own
 * band of buckets, a few from a shared band. Subjects get 1–3 examples each.
 */
export function toyExamples(n: number, seed: number, spec: ModelSpec = TINY_SPEC): TrainingExample[] {
  const rnd = seededRandom(seed);
  const C = spec.labels.length;
  const band = Math.floor(spec.tokenizer.buckets / (C + 1));
  const out: TrainingExample[] = [];
  let subject = 0;
  let left = 0;
  for (let i = 0; i < n; i++) {
    if (left === 0) {
      left = 1 + Math.floor(rnd() * 3);
      subject++;
    }
    left--;
    const label = Math.floor(rnd() * C);
    const len = 3 + Math.floor(rnd() * 6);
    const f = new Int32Array(len);
    for (let k = 0; k < len; k++) f[k] = rnd() < 0.75 ? label * band + Math.floor(rnd() * band) : C * band + Math.floor(rnd() * band);
    out.push({ features: f, label, subjectId: `s${subject}` });
  }
  return out;
}
