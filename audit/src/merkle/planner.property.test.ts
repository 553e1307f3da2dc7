import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { naiveMerkle } from './naive/naive-merkle.ts';
import { rangeNodes } from './range-nodes.ts';
import { foldRange } from './fold-range.ts';
import { inclusionProofPlan } from './inclusion-proof-plan.ts';
import { consistencyProofPlan } from './consistency-proof-plan.ts';
import { assembleProof } from './assemble-proof.ts';
import { verifyInclusion } from './verify-inclusion.ts';
import { verifyConsistency } from './verify-consistency.ts';
import { rfc9162InclusionRoot } from '../verify/rfc9162-inclusion-root.ts';
import { rfc9162ConsistencyCheck } from '../verify/rfc9162-consistency-check.ts';
import { memoryTree } from '../../test/support/memory-tree.ts';

const hex = (hs: Uint8Array[]) => hs.map((h) => Buffer.from(h).toString('hex'));
const leavesArb = fc.integer({ min: 1, max: 700 }).chain((n) => fc.array(fc.uint8Array({ maxLength: 12 }), { minLength: n, maxLength: n }));

describe('planner + perfect-node storage agree with the naive RFC 9162 recursion', () => {
  it('roots, inclusion proofs and consistency proofs for random trees', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), fc.nat(), (leaves, a, b) => {
        const n = leaves.length;
        const tree = memoryTree(leaves);
        const fetch = (ids: { level: number; index: number }[]) => ids.map((id) => tree.node(id));
        const root = foldRange(fetch(rangeNodes(0, n)));
        expect(hex([root])).toEqual(hex([naiveMerkle.root(leaves)]));

        const index = a % n;
        const plan = inclusionProofPlan(index, n);
        const proof = assembleProof(plan, fetch(plan.ids));
        expect(hex(proof)).toEqual(hex(naiveMerkle.inclusionProof(leaves, index)));
        verifyInclusion(index, n, tree.levels[0]![index]!, proof, root);
        expect(hex([rfc9162InclusionRoot(index, n, tree.levels[0]![index]!, proof) as Uint8Array])).toEqual(hex([root]));

        const from = 1 + (b % n);
        const cplan = consistencyProofPlan(from, n);
        const cproof = assembleProof(cplan, fetch(cplan.ids));
        expect(hex(cproof)).toEqual(hex(naiveMerkle.consistencyProof(leaves, from)));
        const oldRoot = naiveMerkle.root(leaves.slice(0, from));
        verifyConsistency(from, n, cproof, oldRoot, root);
        expect(rfc9162ConsistencyCheck(from, n, cproof, oldRoot, root)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('plans fetch O(log n) perfect nodes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), fc.nat(), (size, i) => {
        const bound = 2 * Math.ceil(Math.log2(size + 1)) + 2;
        expect(inclusionProofPlan(i % size, size).ids.length).toBeLessThanOrEqual(bound);
        expect(consistencyProofPlan(1 + (i % size), size).ids.length).toBeLessThanOrEqual(bound + 1);
      }),
    );
  });
});
