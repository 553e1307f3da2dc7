/** Precision, recall and F1 of one class. */
export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Number of true examples of the class. */
  support: number;
}

/** Accuracy, macro-F1 and per-class figures of a classifier on a labelled set. */
export interface ClassificationReport {
  examples: number;
  accuracy: number;
  /**
   * Unweighted mean F1 over the classes present in the truth or the
   * predictions (as scikit-learn's `f1_score(average='macro')`).
   */
  macroF1: number;
  perClass: ClassMetrics[];
}

/**
 * Scores predictions against the truth. Pure.
 *
 * @example
 * classificationMetrics([0, 1, 1], [0, 1, 0], ['a', 'b']).accuracy; // 2/3
 */
export function classificationMetrics(truth: ArrayLike<number>, predicted: ArrayLike<number>, labels: readonly string[]): ClassificationReport {
  const C = labels.length;
  const tp = new Float64Array(C);
  const fp = new Float64Array(C);
  const fn = new Float64Array(C);
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    const y = truth[i] as number;
    const p = predicted[i] as number;
    if (y === p) {
      correct++;
      tp[y] = (tp[y] as number) + 1;
    } else {
      fp[p] = (fp[p] as number) + 1;
      fn[y] = (fn[y] as number) + 1;
    }
  }
  const perClass: ClassMetrics[] = [];
  let f1Sum = 0;
  let present = 0;
  for (let c = 0; c < C; c++) {
    const t = tp[c] as number;
    const precision = t + (fp[c] as number) > 0 ? t / (t + (fp[c] as number)) : 0;
    const recall = t + (fn[c] as number) > 0 ? t / (t + (fn[c] as number)) : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    const support = t + (fn[c] as number);
    perClass.push({ label: labels[c] ?? String(c), precision, recall, f1, support });
    if (support > 0 || (fp[c] as number) > 0) {
      f1Sum += f1;
      present++;
    }
  }
  return { examples: truth.length, accuracy: truth.length > 0 ? correct / truth.length : 0, macroF1: present > 0 ? f1Sum / present : 0, perClass };
}
