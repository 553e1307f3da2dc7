import type { FastTextEngine } from '../model/fasttext-engine.ts';
import { buildFeatureBatch } from '../model/feature-batch.ts';
import type { ModelSpec } from '../model/model-spec.ts';
import type { Weights } from '../model/weights.ts';
import type { TrainingExample } from '../training/training-example.ts';

/**
 * Mean cross-entropy of a model on each subject's messages, keyed by subject
 * id: what a subject-level membership-inference attack scores, since the
 * privacy unit is the subject, not the message.
 *
 * @example
 * const losses = subjectLosses(weights, spec, examples, referenceEngine);
 * losses.get('eu-intent-train-17');
 */
export function subjectLosses(weights: Weights, spec: ModelSpec, examples: readonly TrainingExample[], engine: FastTextEngine): Map<string, number> {
  const groups = new Map<string, TrainingExample[]>();
  for (const x of examples) {
    const g = groups.get(x.subjectId);
    if (g) g.push(x);
    else groups.set(x.subjectId, [x]);
  }
  const out = new Map<string, number>();
  for (const [subject, xs] of groups) {
    const fb = buildFeatureBatch(xs.map((x) => x.features));
    out.set(subject, engine.lossAndGradient(weights, spec, fb, Int32Array.from(xs, (x) => x.label), 'mean').loss);
  }
  return out;
}
