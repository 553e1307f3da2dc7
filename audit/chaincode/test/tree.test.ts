// The chaincode's tree logic (stored perfect subtrees + frontier) against audit's
// naive recursive RFC 6962 implementation and audit's proof verifiers.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { appendToFrontier, consistencyProof, frontierLevels, inclusionProof, rootAt, rootFromFrontier, type FrontierNode, type NodeReader } from '../src/tree.ts';
import { naiveMerkle } from '../../src/merkle/naive/naive-merkle.ts';
import { verifyInclusion } from '../../src/merkle/verify-inclusion.ts';
import { verifyConsistency } from '../../src/merkle/verify-consistency.ts';
import { hashLeaf } from '../../src/merkle/hashes.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const leafOf = (i: number): Buffer => Buffer.from(`leaf-${i}`);

/** Builds a tree by appending in the given batch sizes; returns a reader over the stored nodes. */
function build(batches: number[]): { reader: NodeReader; leaves: Buffer[]; frontier: FrontierNode[]; reads: { count: number } } {
  const store = new Map<string, Buffer>();
  let frontier: FrontierNode[] = [];
  let size = 0;
  const leaves: Buffer[] = [];
  for (const b of batches) {
    const batch = Array.from({ length: b }, (_, i) => leafOf(size + i));
    const r = appendToFrontier(frontier, size, batch);
    for (const n of r.nodes) {
      const k = `${n.level}/${n.index}`;
      if (store.has(k)) throw new Error(`node ${k} written twice`);
      store.set(k, n.hash);
    }
    frontier = r.frontier;
    size = r.size;
    leaves.push(...batch);
  }
  const reads = { count: 0 };
  const reader: NodeReader = async (level, index) => {
    reads.count += 1;
    const h = store.get(`${level}/${index}`);
    if (!h) throw new Error(`missing node ${level}/${index}`);
    return h;
  };
  return { reader, leaves, frontier, reads };
}

describe('chaincode tree', () => {
  test('frontier levels are the binary digits of the size', () => {
    expect(frontierLevels(0)).toEqual([]);
    expect(frontierLevels(1)).toEqual([0]);
    expect(frontierLevels(6)).toEqual([2, 1]);
    expect(frontierLevels(2 ** 40 + 3)).toEqual([40, 1, 0]);
  });

  test('every root, inclusion and consistency proof for sizes 0..40 matches the naive implementation and verifies', async () => {
    const { reader, leaves, frontier } = build([1, 2, 3, 5, 8, 13, 8]);
    expect(leaves.length).toBe(40);
    expect(hex(rootFromFrontier(frontier))).toBe(hex(naiveMerkle.root(leaves)));
    for (let n = 0; n <= 40; n++) {
      const prefix = leaves.slice(0, n);
      const root = await rootAt(reader, n);
      expect(hex(root)).toBe(hex(naiveMerkle.root(prefix)));
      for (let i = 0; i < n; i++) {
        const proof = await inclusionProof(reader, i, n);
        expect(proof.map(hex)).toEqual(naiveMerkle.inclusionProof(prefix, i).map(hex));
        verifyInclusion(i, n, hashLeaf(leaves[i]!), proof, root);
      }
      for (let m = 0; m <= n; m++) {
        const proof = await consistencyProof(reader, m, n);
        expect(proof.map(hex)).toEqual(naiveMerkle.consistencyProof(prefix, m).map(hex));
        if (m > 0) verifyConsistency(m, n, proof, naiveMerkle.root(leaves.slice(0, m)), root); // audit refuses from = 0
      }
    }
  });

  test('property: any batching gives the naive root and proofs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), async (batches, a, b) => {
        const { reader, leaves, frontier } = build(batches);
        const n = leaves.length;
        expect(hex(rootFromFrontier(frontier))).toBe(hex(naiveMerkle.root(leaves)));
        const size = 1 + (a % n);
        const index = b % size;
        const prefix = leaves.slice(0, size);
        expect((await inclusionProof(reader, index, size)).map(hex)).toEqual(naiveMerkle.inclusionProof(prefix, index).map(hex));
        const m = b % (size + 1);
        expect((await consistencyProof(reader, m, size)).map(hex)).toEqual(naiveMerkle.consistencyProof(prefix, m).map(hex));
      }),
      { numRuns: 150 },
    );
  });

  test('proofs read O(log² n) nodes, not O(n)', async () => {
    const { reader, reads } = build([1000, 1000, 1000, 1000, 1000]);
    reads.count = 0;
    await inclusionProof(reader, 1234, 4999);
    await consistencyProof(reader, 1777, 4999);
    await rootAt(reader, 4321);
    expect(reads.count).toBeLessThan(3 * 13 * 13);
  });
});
