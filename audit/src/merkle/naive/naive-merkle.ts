import { emptyRoot, hashChildren, hashLeaf } from '../hashes.ts';

/**
 * The RFC 9162 §2.1 definitions transcribed literally (MTH, PATH, PROOF and
 * SUBPROOF), recursive and slow. It exists only to check the optimised
 * planner, the Postgres tree and the verifiers against the text of the RFC.
 *
 * @example
 * naiveMerkle.root(leaves); naiveMerkle.inclusionProof(leaves, 3); naiveMerkle.consistencyProof(leaves, 3);
 */
export const naiveMerkle = {
  /** MTH(D[n]) over raw leaf data. */
  root(leaves: readonly Uint8Array[]): Uint8Array {
    const n = leaves.length;
    if (n === 0) return emptyRoot();
    if (n === 1) return hashLeaf(leaves[0]!);
    const k = split(n);
    return hashChildren(naiveMerkle.root(leaves.slice(0, k)), naiveMerkle.root(leaves.slice(k)));
  },
  /** PATH(m, D[n]). */
  inclusionProof(leaves: readonly Uint8Array[], m: number): Uint8Array[] {
    const n = leaves.length;
    if (n <= 1) return [];
    const k = split(n);
    return m < k
      ? [...naiveMerkle.inclusionProof(leaves.slice(0, k), m), naiveMerkle.root(leaves.slice(k))]
      : [...naiveMerkle.inclusionProof(leaves.slice(k), m - k), naiveMerkle.root(leaves.slice(0, k))];
  },
  /** PROOF(m, D[n]) where D[n] = leaves; empty for m = 0 or m = n. */
  consistencyProof(leaves: readonly Uint8Array[], m: number): Uint8Array[] {
    if (m === 0 || m === leaves.length) return [];
    return subproof(m, leaves, true);
  },
};

function subproof(m: number, leaves: readonly Uint8Array[], b: boolean): Uint8Array[] {
  const n = leaves.length;
  if (m === n) return b ? [] : [naiveMerkle.root(leaves)];
  const k = split(n);
  return m <= k
    ? [...subproof(m, leaves.slice(0, k), b), naiveMerkle.root(leaves.slice(k))]
    : [...subproof(m - k, leaves.slice(k), false), naiveMerkle.root(leaves.slice(0, k))];
}

/** The largest power of two smaller than n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
