import type { SparseGradient } from '../model/sparse-gradient.ts';

/**
 * Σ scale·g over sparse gradients, as one sparse gradient over the union of
 * their rows (rows in first-seen order).
 *
 * @example
 * const total = sumSparseGradients(contributions.map((c) => c.gradient), dim, 1 / batchSize);
 */
export function sumSparseGradients(gradients: readonly SparseGradient[], dim: number, scale = 1): SparseGradient {
  const index = new Map<number, number>();
  const rows: number[] = [];
  for (const g of gradients) {
    for (const r of g.rows) {
      if (!index.has(r)) {
        index.set(r, rows.length);
        rows.push(r);
      }
    }
  }
  const first = gradients[0];
  const embedding = new Float32Array(rows.length * dim);
  const kernel = new Float32Array(first?.kernel.length ?? 0);
  const bias = new Float32Array(first?.bias.length ?? 0);
  for (const g of gradients) {
    for (let k = 0; k < g.rows.length; k++) {
      const dst = (index.get(g.rows[k] as number) as number) * dim;
      const src = k * dim;
      for (let d = 0; d < dim; d++) embedding[dst + d] = (embedding[dst + d] as number) + scale * (g.embedding[src + d] as number);
    }
    for (let i = 0; i < kernel.length; i++) kernel[i] = (kernel[i] as number) + scale * (g.kernel[i] as number);
    for (let i = 0; i < bias.length; i++) bias[i] = (bias[i] as number) + scale * (g.bias[i] as number);
  }
  return { rows: Int32Array.from(rows), embedding, kernel, bias };
}
