/**
 * A perfect subtree: the node at `level` (0 = leaves) whose leaves are
 * [index·2^level, (index+1)·2^level). Only perfect subtrees are ever stored;
 * every other node is recomputed from them.
 */
export interface NodeId {
  level: number;
  index: number;
}
