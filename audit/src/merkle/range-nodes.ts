import type { NodeId } from './node-id.ts';
import { treeMath } from './tree-math.ts';

/**
 * The perfect subtrees that exactly cover leaves [begin, end), left to right
 * (a "compact range"). For [0, size) these are the nodes whose hashes fold
 * into the root; for a proof's right border they form its one ephemeral node.
 *
 * @example
 * rangeNodes(0, 7); // [{level:2,index:0}, {level:1,index:2}, {level:0,index:6}]
 */
export function rangeNodes(begin: number, end: number): NodeId[] {
  const nodes: NodeId[] = [];
  while (begin < end) {
    // Grow the block while it stays aligned at `begin` and inside the range.
    let level = 0;
    while (begin % treeMath.pow2(level + 1) === 0 && begin + treeMath.pow2(level + 1) <= end) level++;
    nodes.push({ level, index: begin / treeMath.pow2(level) });
    begin += treeMath.pow2(level);
  }
  return nodes;
}
