import type { FastTextEngine } from '../model/fasttext-engine.ts';
import type { FastTextModel } from '../model/fasttext-model.ts';
import { buildFeatureBatch } from '../model/feature-batch.ts';
import type { ModelSpec } from '../model/model-spec.ts';
import { hashFeatures } from '../tokenizer/hash-features.ts';
import type { Prediction } from './prediction.ts';

/** One task's classifier over raw text. */
export interface TextClassifier {
  readonly spec: ModelSpec;
  classify(text: string): Prediction;
  /** One prediction per text, in order; one engine call for the whole batch. */
  classifyBatch(texts: readonly string[]): Prediction[];
}

/**
 * Messages per engine call. The TF.js engine pools with a dense
 * (messages × unique rows) matrix whose size grows with the square of the
 * batch, so throughput peaks around 32 (bench/results/inference.json).
 */
export const CLASSIFY_CHUNK = 32;

/**
 * Wraps a model and an engine into a text classifier: tokenizes with the
 * model's own tokenizer config, runs the forward pass and returns the arg-max
 * label with its probability. The engine decides the speed: `referenceEngine`
 * (plain TypeScript) is the fastest for single messages on CPU; the TF.js
 * engine matches it to ~1e-6 and pays a per-call backend overhead (figures in
 * bench/results/inference.json).
 *
 * @example
 * const clf = createClassifier(model, await loadEngine('tfjs'));
 * clf.classify('my card has not arrived yet'); // { label: 'card_arrival', classId: 0, confidence: 0.93 }
 */
export function createClassifier(model: FastTextModel, engine: FastTextEngine, chunk = CLASSIFY_CHUNK): TextClassifier {
  const { spec, weights } = model;
  const C = spec.labels.length;
  const classifyBatch = (texts: readonly string[]): Prediction[] => {
    const out: Prediction[] = [];
    for (let s = 0; s < texts.length; s += chunk) {
      const part = texts.slice(s, s + chunk);
      const probs = engine.probabilities(weights, spec, buildFeatureBatch(part.map((t) => hashFeatures(t, spec.tokenizer))));
      for (let i = 0; i < part.length; i++) {
        let best = 0;
        for (let c = 1; c < C; c++) if ((probs[i * C + c] as number) > (probs[i * C + best] as number)) best = c;
        out.push({ label: spec.labels[best] as string, classId: best, confidence: probs[i * C + best] as number });
      }
    }
    return out;
  };
  return { spec, classify: (text) => classifyBatch([text])[0] as Prediction, classifyBatch };
}
