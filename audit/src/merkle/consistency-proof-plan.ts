import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { ProofPlan } from './proof-plan.ts';
import { nodeInclusionPlan } from './node-inclusion-plan.ts';
import { treeMath } from './tree-math.ts';

/**
 * Which nodes prove that the tree of `to` leaves extends the tree of `from`
 * leaves (RFC 9162 PROOF). It is the inclusion path of the largest perfect
 * subtree ending at `from`, preceded by that subtree itself unless `from` is
 * a power of two (then the verifier already holds it as the old root).
 *
 * @example
 * consistencyProofPlan(3, 7).ids; // (0,2) (0,3) (1,0) (2,1)…
 */
export function consistencyProofPlan(from: number, to: number): ProofPlan {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || from > to) {
    throw new MeridianError('BAD_INPUT', `no consistency proof from ${from} to ${to} leaves`, { from, to });
  }
  if (from === 0 || from === to) return { ids: [], begin: 0, end: 0 };
  const level = treeMath.trailingZeros(from);
  const index = from / treeMath.pow2(level) - 1;
  const plan = nodeInclusionPlan(level, index, to);
  if (index === 0) return plan;
  return { ids: [{ level, index }, ...plan.ids], begin: plan.begin + 1, end: plan.end + 1 };
}
