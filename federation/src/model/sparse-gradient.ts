/**
 * A gradient of the fastText loss in sparse form: only the embedding rows the
 * batch touched, plus the dense output layer. Engines return it, gradient
 * transforms (e.g. subject-level clipping and noise) map it, and the local
 * trainer applies it.
 */
export interface SparseGradient {
  /** Embedding rows this gradient covers (global bucket ids). */
  rows: Int32Array;
  /** rows.length × dim, row-major, aligned with `rows`. */
  embedding: Float32Array;
  /** dim × classes. */
  kernel: Float32Array;
  /** classes. */
  bias: Float32Array;
}

/**
 * Squared L2 norm of a sparse gradient over all parameters: what per-subject
 * clipping bounds.
 *
 * @example
 * sparseGradientSquaredNorm({ rows: Int32Array.of(3), embedding: Float32Array.of(3, 4), kernel: new Float32Array(0), bias: new Float32Array(0) }); // 25
 */
export function sparseGradientSquaredNorm(g: SparseGradient): number {
  let s = 0;
  for (const a of [g.embedding, g.kernel, g.bias]) for (let i = 0; i < a.length; i++) s += (a[i] as number) * (a[i] as number);
  return s;
}
