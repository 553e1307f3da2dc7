import { emptyRoot, hashChildren } from './hashes.ts';

/**
 * Hashes a compact range (perfect subtree hashes, left to right, as from
 * `rangeNodes(0, size)`) into the tree root: right to left, so the smaller
 * subtrees on the ragged border combine first.
 *
 * @example
 * const root = foldRange(rangeNodes(0, size).map(fetchNode));
 */
export function foldRange(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length === 0) return emptyRoot();
  let h = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) h = hashChildren(hashes[i]!, h);
  return h;
}
