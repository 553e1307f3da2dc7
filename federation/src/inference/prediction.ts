/** A classifier's answer for one message and one task. */
export interface Prediction {
  label: string;
  classId: number;
  /** Softmax probability of `label`, in [0, 1]. */
  confidence: number;
}
