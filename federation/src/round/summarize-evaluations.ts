import type { EvaluationReport } from './local-evaluator.ts';

/** Evaluation of one model across regions: each region's report and their example-weighted mean. */
export interface EvaluationSummary {
  regions: Record<string, EvaluationReport>;
  /** Per metric, Σ nᵢ·mᵢ / Σ nᵢ over the regions that reported it. */
  mean: Record<string, number>;
  numExamples: number;
}

/**
 * Combines the regions' evaluation reports. Pure; regions with zero
 * examples count in no mean.
 *
 * @example
 * summarizeEvaluations({ eu: { numExamples: 30, metrics: { accuracy: 0.9 } }, sea: { numExamples: 10, metrics: { accuracy: 0.5 } } }).mean;
 * // { accuracy: 0.8 }
 */
export function summarizeEvaluations(reports: Readonly<Record<string, EvaluationReport>>): EvaluationSummary {
  const sums = new Map<string, { weighted: number; n: number }>();
  let total = 0;
  const regions: Record<string, EvaluationReport> = {};
  for (const region of Object.keys(reports).sort()) {
    const r = reports[region] as EvaluationReport;
    regions[region] = { numExamples: r.numExamples, metrics: { ...r.metrics } };
    total += r.numExamples;
    for (const [k, v] of Object.entries(r.metrics)) {
      const s = sums.get(k) ?? { weighted: 0, n: 0 };
      s.weighted += v * r.numExamples;
      s.n += r.numExamples;
      sums.set(k, s);
    }
  }
  const mean: Record<string, number> = {};
  for (const [k, s] of [...sums].sort(([a], [b]) => (a < b ? -1 : 1))) if (s.n > 0) mean[k] = s.weighted / s.n;
  return { regions, mean, numExamples: total };
}
