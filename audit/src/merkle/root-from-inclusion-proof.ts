import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { HASH_SIZE, hashChildren } from './hashes.ts';

/**
 * The root that an inclusion proof leads to from `leafHash`, or a BAD_INPUT
 * error when the proof has the wrong shape for (index, size). The proof
 * splits into an "inner" part, below the level where the paths to `index`
 * and to the last leaf diverge, and a "border" part along the right edge.
 *
 * @example
 * const root = rootFromInclusionProof(3, 8, hashLeaf(leaf), proof.hashes);
 */
export function rootFromInclusionProof(index: number, size: number, leafHash: Uint8Array, proof: readonly Uint8Array[]): Uint8Array {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new MeridianError('BAD_INPUT', `leaf ${index} is not in a tree of ${size} leaves`, { index, size });
  }
  if (leafHash.length !== HASH_SIZE) throw new MeridianError('BAD_INPUT', 'leaf hash must be 32 bytes', { length: leafHash.length });
  const i = BigInt(index);
  const inner = (i ^ BigInt(size - 1)).toString(2).replace(/^0+/, '').length;
  const border = popcount(i >> BigInt(inner));
  if (proof.length !== inner + border) {
    throw new MeridianError('BAD_INPUT', `inclusion proof for leaf ${index} of ${size} needs ${inner + border} hashes, got ${proof.length}`, {
      index, size, expectedLength: inner + border, proofLength: proof.length,
    });
  }
  let h = leafHash;
  proof.forEach((p, k) => {
    if (p.length !== HASH_SIZE) throw new MeridianError('BAD_INPUT', `proof hash ${k} is not 32 bytes`, { position: k, length: p.length });
    h = k < inner && ((i >> BigInt(k)) & 1n) === 0n ? hashChildren(h, p) : hashChildren(p, h);
  });
  return h;
}

function popcount(x: bigint): number {
  let n = 0;
  for (; x > 0n; x >>= 1n) n += Number(x & 1n);
  return n;
}
