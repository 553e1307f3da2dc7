import { emptyRoot, hashChildren } from '../merkle/hashes.ts';

/**
 * Rebuilds, in one pass over every leaf hash, the root at each requested
 * size and every perfect-subtree hash at the stored tile levels (multiples of
 * `tileHeight`), so stored tiles can be compared byte for byte.
 *
 * @example
 * const { roots, tileLevels } = rebuildTree(leafHashes, [10, 20], 4);
 */
export function rebuildTree(leafHashes: readonly Uint8Array[], sizes: readonly number[], tileHeight: number): { roots: Map<number, Uint8Array>; levels: Uint8Array[][] } {
  const roots = new Map<number, Uint8Array>();
  const wanted = new Set(sizes);
  // stack[k] holds the perfect subtree root of height heights[k]; a binary counter.
  const stack: Uint8Array[] = [];
  const heights: number[] = [];
  const levels: Uint8Array[][] = [];
  const record = (level: number, h: Uint8Array) => {
    if (level % tileHeight === 0) (levels[level] ??= []).push(h);
  };
  const rootNow = (): Uint8Array => {
    let h = stack[stack.length - 1]!;
    for (let k = stack.length - 2; k >= 0; k--) h = hashChildren(stack[k]!, h);
    return h;
  };
  if (wanted.has(0)) roots.set(0, emptyRoot());
  leafHashes.forEach((leaf, i) => {
    let h = leaf;
    let height = 0;
    record(0, h);
    while (heights.length > 0 && heights[heights.length - 1] === height) {
      h = hashChildren(stack.pop()!, h);
      heights.pop();
      height++;
      record(height, h);
    }
    stack.push(h);
    heights.push(height);
    if (wanted.has(i + 1)) roots.set(i + 1, rootNow());
  });
  return { roots, levels };
}
