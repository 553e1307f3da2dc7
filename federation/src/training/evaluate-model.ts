import type { FastTextEngine } from '../model/fasttext-engine.ts';
import { buildFeatureBatch } from '../model/feature-batch.ts';
import type { ModelSpec } from '../model/model-spec.ts';
import type { Weights } from '../model/weights.ts';
import type { ClassificationReport } from './classification-metrics.ts';
import { classificationMetrics } from './classification-metrics.ts';

/** Examples needed for evaluation: features and the true class. */
export interface EvaluationExample {
  features: Int32Array;
  label: number;
}

/**
 * Accuracy, macro-F1 and per-class metrics of weights on a held-out set
 * (arg-max prediction), in chunks so memory stays flat.
 *
 * @example
 * const report = evaluateModel(weights, spec, testExamples, referenceEngine);
 * report.accuracy; report.macroF1; report.perClass[0].f1;
 */
export function evaluateModel(
  weights: Weights,
  spec: ModelSpec,
  examples: readonly EvaluationExample[],
  engine: FastTextEngine,
  // Small chunks: the TF.js engine's pooling matrix grows with the square of the chunk.
  chunk = 64,
): ClassificationReport {
  const C = spec.labels.length;
  const predicted = new Int32Array(examples.length);
  for (let s = 0; s < examples.length; s += chunk) {
    const part = examples.slice(s, s + chunk);
    const probs = engine.probabilities(weights, spec, buildFeatureBatch(part.map((x) => x.features)));
    for (let i = 0; i < part.length; i++) {
      let best = 0;
      for (let c = 1; c < C; c++) if ((probs[i * C + c] as number) > (probs[i * C + best] as number)) best = c;
      predicted[s + i] = best;
    }
  }
  return classificationMetrics(Int32Array.from(examples, (x) => x.label), predicted, spec.labels);
}
