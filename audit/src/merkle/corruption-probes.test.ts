import { describe, expect, it } from 'vitest';
import { hashLeaf } from './hashes.ts';
import { naiveMerkle } from './naive/naive-merkle.ts';
import { verifyInclusion } from './verify-inclusion.ts';
import { verifyConsistency } from './verify-consistency.ts';
import { rfc9162InclusionRoot } from '../verify/rfc9162-inclusion-root.ts';
import { rfc9162ConsistencyCheck } from '../verify/rfc9162-consistency-check.ts';
import { memoryTree } from '../../test/support/memory-tree.ts';
import { consistencyMutations, inclusionMutations, type ConsistencyCase, type InclusionCase } from '../../test/support/proof-mutations.ts';
import { inclusionProofPlan } from './inclusion-proof-plan.ts';
import { consistencyProofPlan } from './consistency-proof-plan.ts';
import { assembleProof } from './assemble-proof.ts';

// Both verifiers are judged: the writer's (used by witnesses) and the
// offline auditor's independent RFC 9162 transcription.
const writerAcceptsInclusion = (c: InclusionCase) => {
  try {
    verifyInclusion(c.index, c.size, c.leafHash, c.hashes, c.root);
    return true;
  } catch {
    return false;
  }
};
const auditorAcceptsInclusion = (c: InclusionCase) => {
  const r = rfc9162InclusionRoot(c.index, c.size, c.leafHash, c.hashes);
  return typeof r !== 'string' && Buffer.from(r).equals(c.root);
};
const writerAcceptsConsistency = (c: ConsistencyCase) => {
  try {
    verifyConsistency(c.from, c.to, c.hashes, c.root1, c.root2);
    return true;
  } catch {
    return false;
  }
};
const auditorAcceptsConsistency = (c: ConsistencyCase) => rfc9162ConsistencyCheck(c.from, c.to, c.hashes, c.root1, c.root2) === undefined;

const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from(`leaf ${i}`));

describe('corruption probes: every valid proof of every tree up to 40 leaves, and every mutation of it', () => {
  const MAX = 40;
  const leaves = leavesOf(MAX);
  const tree = memoryTree(leaves);
  const roots = Array.from({ length: MAX + 1 }, (_, n) => naiveMerkle.root(leaves.slice(0, n)));

  it('inclusion: valid proofs pass both verifiers, every mutation fails both', () => {
    let valid = 0;
    let rejected = 0;
    const missed: string[] = [];
    for (let size = 1; size <= MAX; size++) {
      for (let index = 0; index < size; index++) {
        const plan = inclusionProofPlan(index, size);
        const c: InclusionCase = { index, size, leafHash: tree.levels[0]![index]!, hashes: assembleProof(plan, plan.ids.map((id) => tree.node(id))), root: roots[size]! };
        expect(writerAcceptsInclusion(c) && auditorAcceptsInclusion(c)).toBe(true);
        valid++;
        for (const m of inclusionMutations(c)) {
          if (writerAcceptsInclusion(m.case) || auditorAcceptsInclusion(m.case)) missed.push(`${index}/${size}: ${m.name}`);
          else rejected++;
        }
      }
    }
    expect(missed).toEqual([]);
    expect(valid).toBe((MAX * (MAX + 1)) / 2);
    expect(rejected).toBeGreaterThan(valid * 10);
  });

  it('consistency: valid proofs pass both verifiers, every mutation fails both', () => {
    let rejected = 0;
    const missed: string[] = [];
    for (let to = 1; to <= MAX; to++) {
      for (let from = 1; from <= to; from++) {
        const plan = consistencyProofPlan(from, to);
        const c: ConsistencyCase = { from, to, hashes: assembleProof(plan, plan.ids.map((id) => tree.node(id))), root1: roots[from]!, root2: roots[to]! };
        expect(writerAcceptsConsistency(c) && auditorAcceptsConsistency(c)).toBe(true);
        for (const m of consistencyMutations(c)) {
          if (writerAcceptsConsistency(m.case) || auditorAcceptsConsistency(m.case)) missed.push(`${from}→${to}: ${m.name}`);
          else rejected++;
        }
      }
    }
    expect(missed).toEqual([]);
    expect(rejected).toBeGreaterThan(10_000);
  });

  it('larger trees (1,000 – 20,001 leaves): sampled proofs and all their mutations', () => {
    const missed: string[] = [];
    for (const size of [1000, 1023, 1024, 1025, 4097, 20_001]) {
      const data = leavesOf(size);
      const big = memoryTree(data);
      const root = (n: number) => naiveMerkle.root(data.slice(0, n));
      const rootOfSize = root(size);
      for (const index of [0, 1, size >> 1, size - 2, size - 1]) {
        const plan = inclusionProofPlan(index, size);
        const c: InclusionCase = { index, size, leafHash: big.levels[0]![index]!, hashes: assembleProof(plan, plan.ids.map((id) => big.node(id))), root: rootOfSize };
        expect(writerAcceptsInclusion(c) && auditorAcceptsInclusion(c)).toBe(true);
        for (const m of inclusionMutations(c)) if (writerAcceptsInclusion(m.case) || auditorAcceptsInclusion(m.case)) missed.push(`${index}/${size}: ${m.name}`);
      }
      for (const from of [1, 2, 3, 512, size >> 1, size - 1]) {
        const plan = consistencyProofPlan(from, size);
        const c: ConsistencyCase = { from, to: size, hashes: assembleProof(plan, plan.ids.map((id) => big.node(id))), root1: root(from), root2: rootOfSize };
        expect(writerAcceptsConsistency(c) && auditorAcceptsConsistency(c)).toBe(true);
        for (const m of consistencyMutations(c)) if (writerAcceptsConsistency(m.case) || auditorAcceptsConsistency(m.case)) missed.push(`${from}→${size}: ${m.name}`);
      }
    }
    expect(missed).toEqual([]);
  });
});

describe('leaf hash helper', () => {
  it('hashes the data the corruption trees use', () => {
    expect(Buffer.from(memoryTree(leavesOf(1)).levels[0]![0]!).equals(hashLeaf(Buffer.from('leaf 0')))).toBe(true);
  });
});
