import type { SparseGradient } from '../model/sparse-gradient.ts';

/** A contribution after clipping, with what clipping did to it. */
export interface ClippedGradient {
  gradient: SparseGradient;
  /** L2 norm before clipping, over all tensors (∞/NaN if it was not finite). */
  norm: number;
  /** Factor applied (1 when the norm was within the bound, 0 when the gradient was not finite). */
  factor: number;
}

// float32 storage rounds each entry by ≤ 2⁻²⁴ relative; clipping a hair under C
// keeps the bound true of the stored numbers, not only of the exact product.
const MARGIN = 1 - 2 ** -20;

/**
 * Scales a gradient so its L2 norm over ALL parameters (embedding rows, output
 * kernel, output bias together) is at most `clipNorm`: the per-subject clipping
 * of DP-SGD, which is what bounds one subject's influence on a step (the
 * sensitivity the Gaussian noise is calibrated to). Duplicate rows are summed
 * first, so the norm is that of the dense gradient. A non-finite gradient
 * (overflowing loss, adversarial input) is zeroed: that is still within the
 * bound. Pure; returns a new gradient.
 *
 * @example
 * const { gradient, norm } = clipSparseGradient(subject.gradient, 1, spec.dim);
 */
export function clipSparseGradient(g: SparseGradient, clipNorm: number, dim: number): ClippedGradient {
  const merged = hasDuplicateRows(g.rows) ? mergeRows(g, dim) : g;
  let sq = 0;
  for (const a of [merged.embedding, merged.kernel, merged.bias]) for (let i = 0; i < a.length; i++) sq += (a[i] as number) * (a[i] as number);
  const norm = Math.sqrt(sq);
  const factor = !Number.isFinite(norm) ? 0 : norm > clipNorm ? (clipNorm / norm) * MARGIN : 1;
  const scale = (a: Float32Array): Float32Array => {
    const out = new Float32Array(a.length);
    if (factor !== 0) for (let i = 0; i < a.length; i++) out[i] = (a[i] as number) * factor;
    return out;
  };
  return { gradient: { rows: merged.rows.slice(), embedding: scale(merged.embedding), kernel: scale(merged.kernel), bias: scale(merged.bias) }, norm, factor };
}

function hasDuplicateRows(rows: Int32Array): boolean {
  return new Set(rows).size !== rows.length;
}

function mergeRows(g: SparseGradient, dim: number): SparseGradient {
  const index = new Map<number, number>();
  const rows: number[] = [];
  for (const r of g.rows) if (!index.has(r)) index.set(r, rows.push(r) - 1);
  const embedding = new Float32Array(rows.length * dim);
  for (let k = 0; k < g.rows.length; k++) {
    const dst = (index.get(g.rows[k] as number) as number) * dim;
    for (let d = 0; d < dim; d++) embedding[dst + d] = (embedding[dst + d] as number) + (g.embedding[k * dim + d] as number);
  }
  return { rows: Int32Array.from(rows), embedding, kernel: g.kernel, bias: g.bias };
}
