import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { rootFromInclusionProof } from './root-from-inclusion-proof.ts';
import { hex } from './hex.ts';

/**
 * Checks that `leafHash` sits at `index` of the tree of `size` leaves whose
 * root is `root`; throws BAD_INPUT with the expected and computed roots.
 *
 * @example
 * verifyInclusion(3, 8, hashLeaf(leaf), proof.hashes, checkpoint.rootHash);
 */
export function verifyInclusion(index: number, size: number, leafHash: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): void {
  const computed = rootFromInclusionProof(index, size, leafHash, proof);
  if (!Buffer.from(computed).equals(root)) {
    throw new MeridianError('BAD_INPUT', `inclusion proof for leaf ${index} of ${size} does not lead to the expected root`, {
      check: 'inclusion', index, size, expectedRoot: hex(root), computedRoot: hex(computed),
    });
  }
}
