/**
 * A minibatch in the form both engines consume: the unique embedding rows it
 * touches, and a sparse pooling matrix (CSR, batch × unique rows) whose entry
 * (i, r) is count of row r in example i / number of features of example i.
 * Mean pooling is then one small product `pool · embedding[rows]`: this is the
 * "gather unique rows + small dense matmul" of TOOLCHAIN.md, which keeps every
 * differentiable step a matmul and never materialises a table-sized gradient.
 */
export interface FeatureBatch {
  size: number;
  /** Unique embedding rows, in first-seen order. */
  rows: Int32Array;
  /** CSR row pointers per example (size + 1 entries) into `cols` / `weights`. */
  offsets: Int32Array;
  /** Index into `rows` of each non-zero. */
  cols: Int32Array;
  /** Pooling weight of each non-zero (count / feature count of the example). */
  weights: Float32Array;
}

/**
 * Builds a FeatureBatch from each example's hashed feature ids.
 *
 * @example
 * const b = buildFeatureBatch([Int32Array.of(5, 5, 9), Int32Array.of(9)]);
 * // b.rows = [5, 9]; example 0 pools 2/3·E[5] + 1/3·E[9]; example 1 pools E[9]
 */
export function buildFeatureBatch(features: readonly Int32Array[]): FeatureBatch {
  const local = new Map<number, number>();
  const rows: number[] = [];
  const offsets = new Int32Array(features.length + 1);
  const cols: number[] = [];
  const weights: number[] = [];
  const perExample = new Map<number, number>();
  for (let i = 0; i < features.length; i++) {
    const f = features[i] as Int32Array;
    perExample.clear();
    for (let k = 0; k < f.length; k++) {
      const id = f[k] as number;
      let c = local.get(id);
      if (c === undefined) {
        c = rows.length;
        local.set(id, c);
        rows.push(id);
      }
      perExample.set(c, (perExample.get(c) ?? 0) + 1);
    }
    const inv = f.length > 0 ? 1 / f.length : 0;
    for (const [c, count] of perExample) {
      cols.push(c);
      weights.push(count * inv);
    }
    offsets[i + 1] = cols.length;
  }
  return { size: features.length, rows: Int32Array.from(rows), offsets, cols: Int32Array.from(cols), weights: Float32Array.from(weights) };
}
