import { naiveMerkle } from '../../src/merkle/naive/naive-merkle.ts';

/**
 * The subtree consistency proof of draft-ietf-plants-merkle-tree-certs for
 * [start, end) within d[0:n], transcribed from the draft's recursive
 * definition over index ranges. Test-only: with it the published rolling
 * vectors (whose start = 0 rows are exactly RFC 9162 consistency proofs) can
 * be reproduced. Subtree roots are memoised per leaf array, since the same
 * ranges recur for every n.
 */
export function naiveSubtreeConsistency(start: number, end: number, leaves: readonly Uint8Array[], n = leaves.length): Uint8Array[] {
  const root = (lo: number, hi: number): Uint8Array => {
    let memo = roots.get(leaves);
    if (!memo) roots.set(leaves, (memo = new Map()));
    const key = `${lo},${hi}`;
    let r = memo.get(key);
    if (!r) memo.set(key, (r = naiveMerkle.root(leaves.slice(lo, hi))));
    return r;
  };
  // Works on the window [lo, lo + size) of `leaves`; start/end are relative to lo.
  const proof = (lo: number, size: number, s: number, e: number, known: boolean): Uint8Array[] => {
    if (s >= e) return [];
    if (s === 0 && e === size) return known ? [] : [root(lo, lo + size)];
    let k = 1;
    while (k * 2 < size) k *= 2;
    if (e <= k) return [...proof(lo, k, s, e, known), root(lo + k, lo + size)];
    if (k <= s) return [...proof(lo + k, size - k, s - k, e - k, known), root(lo, lo + k)];
    return [...proof(lo + k, size - k, 0, e - k, false), root(lo, lo + k)];
  };
  return proof(0, n, start, end, true);
}

const roots = new WeakMap<readonly Uint8Array[], Map<string, Uint8Array>>();

/** Whether [start, end) is a subtree in the draft's sense. */
export function isValidSubtree(start: number, end: number): boolean {
  if (start > end) return false;
  if (start === 0 || start === end) return true;
  let c = 1;
  while (c < end - start) c *= 2;
  return start % c === 0;
}
