import type { Weights } from '../model/weights.ts';

/** Aggregate metrics of one model on one region's held-out data: never per-example values. */
export interface EvaluationReport {
  /** Examples the metrics were computed over (weights the cross-region mean). */
  numExamples: number;
  /** e.g. `{ accuracy: 0.91, macroF1: 0.88 }`; finite numbers only. */
  metrics: Record<string, number>;
}

/**
 * Evaluates a new global model on the region's local test data, Flower's
 * `evaluate`. Only the returned aggregate leaves the node.
 *
 * @example
 * const evaluator: LocalEvaluator = (weights) => {
 *   const r = evaluateModel(weights, spec, test, engine);
 *   return { numExamples: test.length, metrics: { accuracy: r.accuracy, macroF1: r.macroF1 } };
 * };
 */
export type LocalEvaluator = (weights: Weights, context: { federation: string; round: number; modelHash: string }) => Promise<EvaluationReport> | EvaluationReport;
