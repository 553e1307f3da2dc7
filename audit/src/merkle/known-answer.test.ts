import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { emptyRoot, hashLeaf } from './hashes.ts';
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
import { isValidSubtree, naiveSubtreeConsistency } from '../../test/support/naive-subtree-consistency.ts';

const FIXTURES = join(import.meta.dirname, '../../test/fixtures');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const reference = JSON.parse(readFileSync(join(FIXTURES, 'rfc6962-reference-tree.json'), 'utf8')) as {
  leafInputsHex: string[]; rootsHexBySize: string[]; nodeHashesHexByLevel: string[][];
};
const leaves = reference.leafInputsHex.map((h) => new Uint8Array(Buffer.from(h, 'hex')));

/** Proofs the way the Postgres ledger builds them: plan, fetch perfect nodes, assemble. */
function plannedProofs(data: readonly Uint8Array[]) {
  const tree = memoryTree(data);
  return {
    root: (size: number) => foldRange(rangeNodes(0, size).map((id) => tree.node(id))),
    inclusion: (index: number, size: number) => {
      const plan = inclusionProofPlan(index, size);
      return assembleProof(plan, plan.ids.map((id) => tree.node(id)));
    },
    consistency: (from: number, to: number) => {
      const plan = consistencyProofPlan(from, to);
      return assembleProof(plan, plan.ids.map((id) => tree.node(id)));
    },
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : f.endsWith('.json') ? [p] : [];
  });
}

describe('RFC 6962 reference tree (sizes 0–8)', () => {
  it('hashes the empty tree to SHA-256("")', () => {
    expect(hex(emptyRoot())).toBe(reference.rootsHexBySize[0]);
  });
  it.each(reference.rootsHexBySize.map((h, size) => [size, h] as const))('root of size %i', (size, want) => {
    expect(hex(naiveMerkle.root(leaves.slice(0, size)))).toBe(want);
    expect(hex(plannedProofs(leaves.slice(0, size)).root(size))).toBe(want);
  });
  it('stores exactly the published perfect-subtree hashes', () => {
    expect(memoryTree(leaves).levels.map((l) => l.map(hex))).toEqual(reference.nodeHashesHexByLevel);
  });
});

describe('transparency-dev probe vectors', () => {
  const inclusion = filesUnder(join(FIXTURES, 'transparency-dev/inclusion'));
  const consistency = filesUnder(join(FIXTURES, 'transparency-dev/consistency'));
  it('has the vector files', () => {
    expect(inclusion.length).toBeGreaterThan(80);
    expect(consistency.length).toBeGreaterThan(90);
  });

  it.each(inclusion.map((f) => [relative(FIXTURES, f), f]))('inclusion %s', (_name, file) => {
    const v = JSON.parse(readFileSync(file, 'utf8')) as { leafIdx: number; treeSize: number; root: string; leafHash: string; proof: string[] | null; wantErr: boolean };
    const proof = (v.proof ?? []).map(b64);
    let writerAccepts = true;
    try {
      verifyInclusion(v.leafIdx, v.treeSize, b64(v.leafHash), proof, b64(v.root));
    } catch {
      writerAccepts = false;
    }
    const r = rfc9162InclusionRoot(v.leafIdx, v.treeSize, b64(v.leafHash), proof);
    const verifierAccepts = typeof r !== 'string' && Buffer.from(r).equals(b64(v.root));
    expect({ writerAccepts, verifierAccepts }).toEqual({ writerAccepts: !v.wantErr, verifierAccepts: !v.wantErr });
    if (!v.wantErr && v.treeSize <= 8 && hex(b64(v.root)) === reference.rootsHexBySize[v.treeSize]) {
      // A valid probe over the reference tree must be exactly the proof we generate.
      expect(plannedProofs(leaves.slice(0, v.treeSize)).inclusion(v.leafIdx, v.treeSize).map(hex)).toEqual(proof.map(hex));
    }
  });

  it.each(consistency.map((f) => [relative(FIXTURES, f), f]))('consistency %s', (_name, file) => {
    const v = JSON.parse(readFileSync(file, 'utf8')) as { size1: number; size2: number; root1: string; root2: string; proof: string[] | null; wantErr: boolean };
    const proof = (v.proof ?? []).map(b64);
    let writerAccepts = true;
    try {
      verifyConsistency(v.size1, v.size2, proof, b64(v.root1), b64(v.root2));
    } catch {
      writerAccepts = false;
    }
    const verifierAccepts = rfc9162ConsistencyCheck(v.size1, v.size2, proof, b64(v.root1), b64(v.root2)) === undefined;
    expect({ writerAccepts, verifierAccepts }).toEqual({ writerAccepts: !v.wantErr, verifierAccepts: !v.wantErr });
    if (!v.wantErr && v.size1 > 0 && v.size2 <= 8 && hex(b64(v.root2)) === reference.rootsHexBySize[v.size2]) {
      expect(plannedProofs(leaves.slice(0, v.size2)).consistency(v.size1, v.size2).map(hex)).toEqual(proof.map(hex));
    }
  });
});

describe('draft-ietf-plants-merkle-tree-certs rolling vectors (trees up to 130 leaves)', () => {
  const vectors = JSON.parse(readFileSync(join(FIXTURES, 'subtree-rolling-vectors.json'), 'utf8')) as Record<string, string>;
  const d = Array.from({ length: 130 }, (_, i) => new Uint8Array([i]));
  const proofLine = (prefix: string, hashes: Uint8Array[]) => `${prefix}${hashes.map((h) => ` ${hex(h)}`).join('')}\n`;

  it('subtree hashes, computed by the planner over stored perfect nodes', () => {
    const h = createHash('sha256');
    for (let end = 0; end <= 130; end++) {
      for (let start = 0; start <= end; start++) {
        if (!isValidSubtree(start, end)) continue;
        h.update(`[${start}, ${end}) ${hex(plannedProofs(d.slice(start, end)).root(end - start))}\n`);
      }
    }
    expect(h.digest('hex')).toBe(vectors.subtreeHashSha256);
  });

  it('inclusion proofs, computed by the planner', () => {
    const h = createHash('sha256');
    for (let end = 0; end <= 130; end++) {
      for (let start = 0; start <= end; start++) {
        if (!isValidSubtree(start, end)) continue;
        const planned = plannedProofs(d.slice(start, end));
        for (let index = start; index < end; index++) h.update(proofLine(`${index} [${start}, ${end})`, planned.inclusion(index - start, end - start)));
      }
    }
    expect(h.digest('hex')).toBe(vectors.subtreeInclusionProofSha256);
  });

  it('consistency proofs: start = 0 rows by the planner (RFC 9162 PROOF), other subtrees by the draft recursion', () => {
    const h = createHash('sha256');
    for (let n = 0; n <= 130; n++) {
      const planned = plannedProofs(d.slice(0, n));
      for (let end = 0; end <= n; end++) {
        for (let start = 0; start <= end; start++) {
          if (!isValidSubtree(start, end)) continue;
          const proof = start === 0 ? planned.consistency(end, n) : naiveSubtreeConsistency(start, end, d, n);
          h.update(proofLine(`[${start}, ${end}) ${n}`, proof));
        }
      }
    }
    expect(h.digest('hex')).toBe(vectors.subtreeConsistencyProofSha256);
  });
});

describe('leaf hashing', () => {
  it('prefixes leaves with 0x00', () => {
    expect(hex(hashLeaf(new Uint8Array()))).toBe(reference.nodeHashesHexByLevel[0]![0]);
  });
});
