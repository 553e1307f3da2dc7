import type { NodeId } from './node-id.ts';

/**
 * Which stored nodes a proof needs, in proof order. The builder only plans:
 * the caller fetches `ids` from storage and hands the hashes to
 * `assembleProof`, which folds ids[begin, end) into the single ephemeral
 * node of the tree's ragged right border (begin = end when there is none).
 * Within that slice the ids run right to left, lowest level first.
 */
export interface ProofPlan {
  ids: NodeId[];
  begin: number;
  end: number;
}
