import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { ProofPlan } from './proof-plan.ts';
import { hashChildren } from './hashes.ts';

/**
 * Turns the fetched hashes of `plan.ids` (same order) into the proof's hash
 * list by folding the ephemeral right-border slice into one hash.
 *
 * @example
 * const proof = assembleProof(plan, plan.ids.map((id) => store.get(id)));
 */
export function assembleProof(plan: ProofPlan, hashes: readonly Uint8Array[]): Uint8Array[] {
  if (hashes.length !== plan.ids.length) {
    throw new MeridianError('INTERNAL', 'fetched node count differs from the plan', { planned: plan.ids.length, fetched: hashes.length });
  }
  if (plan.end - plan.begin <= 1) return [...hashes];
  let folded = hashes[plan.begin]!;
  for (let i = plan.begin + 1; i < plan.end; i++) folded = hashChildren(hashes[i]!, folded);
  return [...hashes.slice(0, plan.begin), folded, ...hashes.slice(plan.end)];
}
