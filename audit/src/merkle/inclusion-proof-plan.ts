import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { ProofPlan } from './proof-plan.ts';
import { nodeInclusionPlan } from './node-inclusion-plan.ts';

/**
 * Which nodes prove leaf `index` in the tree of `size` leaves (RFC 9162 PATH).
 *
 * @example
 * const plan = inclusionProofPlan(3, 8);
 * const proof = assembleProof(plan, await fetchNodes(plan.ids));
 */
export function inclusionProofPlan(index: number, size: number): ProofPlan {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new MeridianError('BAD_INPUT', `leaf ${index} is not in a tree of ${size} leaves`, { index, size });
  }
  return nodeInclusionPlan(0, index, size);
}
