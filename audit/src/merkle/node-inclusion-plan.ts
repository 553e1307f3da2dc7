import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { NodeId } from './node-id.ts';
import type { ProofPlan } from './proof-plan.ts';
import { rangeNodes } from './range-nodes.ts';
import { treeMath } from './tree-math.ts';

/**
 * Plans the path from the perfect node (level, index) to the root of the tree
 * of `size` leaves: one sibling per level, where a sibling that sticks out
 * past `size` is replaced by the compact range it is cut down to and a
 * sibling that lies wholly past `size` is skipped (the node is promoted).
 * Leaf inclusion is level 0; consistency proofs reuse it for the node ending
 * at the older size.
 *
 * @example
 * nodeInclusionPlan(0, 4, 7); // ids (0,5) (0,6) (2,0), rehash [1,2)
 */
export function nodeInclusionPlan(level: number, index: number, size: number): ProofPlan {
  if (!treeMath.isSafeCount(size) || !treeMath.isSafeCount(index) || !treeMath.isSafeCount(level)) {
    throw new MeridianError('BAD_INPUT', 'tree coordinates must be non-negative safe integers', { level, index, size });
  }
  if ((index + 1) * treeMath.pow2(level) > size) {
    throw new MeridianError('BAD_INPUT', `node (${level}, ${index}) is not a perfect subtree of a tree of ${size} leaves`, { level, index, size });
  }
  const ids: NodeId[] = [];
  let begin = 0;
  let end = 0;
  for (let l = level, x = index; treeMath.pow2(l) < size; l++, x = Math.floor(x / 2)) {
    const sibling = x % 2 === 0 ? x + 1 : x - 1;
    const start = sibling * treeMath.pow2(l);
    if (start >= size) continue;
    if (start + treeMath.pow2(l) <= size) {
      ids.push({ level: l, index: sibling });
      continue;
    }
    const parts = rangeNodes(start, size).reverse();
    begin = ids.length;
    ids.push(...parts);
    end = ids.length;
  }
  return { ids, begin, end };
}
