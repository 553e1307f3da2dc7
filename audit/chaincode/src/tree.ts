/**
 * RFC 6962 / RFC 9162 tree logic over stored perfect subtrees.
 *
 * State model: for every completed perfect subtree the chaincode stores its
 * hash once, addressed by (level, index): the node covering leaves
 * [index·2^level, (index+1)·2^level). Level 0 holds leaf hashes. Any root,
 * inclusion proof or consistency proof for any size ≤ the current size is
 * then computed from those stored nodes by the recursive definitions of
 * RFC 6962 §2.1 (MTH, PATH, SUBPROOF), each MTH(D[a:b]) being split into the
 * perfect subtrees it consists of.
 *
 * Appends use a compact range ("frontier"): the roots of the perfect subtrees
 * that make up the current size, largest first. It is kept in the region head
 * record so an append batch never has to read a node written by the same
 * transaction — which matters because Fabric does not give a transaction
 * read-your-writes.
 */
import { emptyRoot, leafHash, nodeHash } from './rfc6962';

/** Reads the stored hash of the perfect subtree (level, index). */
export type NodeReader = (level: number, index: number) => Promise<Buffer>;

/** Largest power of two strictly below n (n ≥ 2). */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** log2(n) when n is an exact power of two (safe integers, no 32-bit bit tricks), else -1. */
function exactLog2(n: number): number {
  if (!Number.isSafeInteger(n) || n < 1) return -1;
  let level = 0;
  while (n % 2 === 0) {
    n /= 2;
    level += 1;
  }
  return n === 1 ? level : -1;
}

/** Computes MTH(D[start:end]) with memoisation for one request. */
export class SubtreeHasher {
  private readonly read: NodeReader;
  private readonly memo = new Map<string, Promise<Buffer>>();
  constructor(read: NodeReader) {
    this.read = read;
  }

  hash(start: number, end: number): Promise<Buffer> {
    const key = `${start}:${end}`;
    let p = this.memo.get(key);
    if (!p) {
      p = this.compute(start, end);
      this.memo.set(key, p);
    }
    return p;
  }

  private async compute(start: number, end: number): Promise<Buffer> {
    const n = end - start;
    if (n <= 0) return emptyRoot();
    const level = exactLog2(n);
    if (level >= 0 && start % n === 0) return this.read(level, start / n);
    const k = largestPowerOfTwoBelow(n);
    const [l, r] = [await this.hash(start, start + k), await this.hash(start + k, end)];
    return nodeHash(l, r);
  }
}

/** MTH(D[size]). */
export function rootAt(read: NodeReader, size: number): Promise<Buffer> {
  return new SubtreeHasher(read).hash(0, size);
}

/** RFC 6962 §2.1.1 PATH(index, D[size]), leaf-to-root order. */
export async function inclusionProof(read: NodeReader, index: number, size: number): Promise<Buffer[]> {
  const h = new SubtreeHasher(read);
  const path = async (m: number, start: number, end: number): Promise<Buffer[]> => {
    const n = end - start;
    if (n <= 1) return [];
    const k = largestPowerOfTwoBelow(n);
    if (m < k) return [...(await path(m, start, start + k)), await h.hash(start + k, end)];
    return [...(await path(m - k, start + k, end)), await h.hash(start, start + k)];
  };
  return path(index, 0, size);
}

/** RFC 6962 §2.1.2 PROOF(size1, D[size2]); empty when size1 is 0 or equals size2. */
export async function consistencyProof(read: NodeReader, size1: number, size2: number): Promise<Buffer[]> {
  if (size1 === 0 || size1 === size2) return [];
  const h = new SubtreeHasher(read);
  const sub = async (m: number, start: number, end: number, whole: boolean): Promise<Buffer[]> => {
    const n = end - start;
    if (m === n) return whole ? [] : [await h.hash(start, end)];
    const k = largestPowerOfTwoBelow(n);
    if (m <= k) return [...(await sub(m, start, start + k, whole)), await h.hash(start + k, end)];
    return [...(await sub(m - k, start + k, end, false)), await h.hash(start, start + k)];
  };
  return sub(size1, 0, size2, true);
}

/** One perfect subtree of the frontier. */
export interface FrontierNode {
  level: number;
  hash: Buffer;
}

/** A node completed by an append, to be persisted. */
export interface NewNode {
  level: number;
  index: number;
  hash: Buffer;
}

/** Root of a tree from its frontier (RFC 6962 MTH folded right to left). */
export function rootFromFrontier(frontier: readonly FrontierNode[]): Buffer {
  const last = frontier[frontier.length - 1];
  if (!last) return emptyRoot();
  let acc = last.hash;
  for (let i = frontier.length - 2; i >= 0; i--) acc = nodeHash(frontier[i]!.hash, acc);
  return acc;
}

/** The frontier levels a tree of `size` leaves must have (its binary digits, high to low). */
export function frontierLevels(size: number): number[] {
  const levels: number[] = [];
  for (let level = 52; level >= 0; level--) if (Math.floor(size / 2 ** level) % 2 === 1) levels.push(level);
  return levels;
}

/**
 * Appends leaves to a frontier in memory. Returns the new frontier and every
 * node completed on the way (leaf hashes included) so the caller can persist
 * them; never reads state.
 */
export function appendToFrontier(
  frontier: readonly FrontierNode[],
  size: number,
  leaves: readonly Uint8Array[],
): { frontier: FrontierNode[]; size: number; nodes: NewNode[]; leafHashes: Buffer[] } {
  const f = frontier.map((n) => ({ level: n.level, hash: n.hash }));
  const nodes: NewNode[] = [];
  const leafHashes: Buffer[] = [];
  let s = size;
  for (const leaf of leaves) {
    let hash = leafHash(leaf);
    leafHashes.push(hash);
    let level = 0;
    let index = s;
    nodes.push({ level, index, hash });
    while (f.length > 0 && f[f.length - 1]!.level === level) {
      const left = f.pop()!;
      hash = nodeHash(left.hash, hash);
      level += 1;
      index = Math.floor(index / 2);
      nodes.push({ level, index, hash });
    }
    f.push({ level, hash });
    s += 1;
  }
  return { frontier: f, size: s, nodes, leafHashes };
}
