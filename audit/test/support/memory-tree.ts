import { hashChildren, hashLeaf } from '../../src/merkle/hashes.ts';
import type { NodeId } from '../../src/merkle/node-id.ts';

/**
 * Every perfect-subtree hash of a tree held in memory, level by level: the
 * storage the planner tests fetch node ids from.
 */
export function memoryTree(leaves: readonly Uint8Array[]): { levels: Uint8Array[][]; node(id: NodeId): Uint8Array } {
  const levels: Uint8Array[][] = [leaves.map((l) => hashLeaf(l))];
  for (let below = levels[0]!; below.length > 1; ) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < below.length; i += 2) next.push(hashChildren(below[i]!, below[i + 1]!));
    levels.push(next);
    below = next;
  }
  return {
    levels,
    node(id) {
      const h = levels[id.level]?.[id.index];
      if (!h) throw new Error(`node (${id.level}, ${id.index}) is not a perfect subtree of this tree`);
      return h;
    },
  };
}
