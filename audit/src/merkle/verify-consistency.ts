import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { HASH_SIZE, hashChildren } from './hashes.ts';
import { hex } from './hex.ts';

/**
 * Checks that the tree (size2, root2) extends (size1, root1); throws
 * BAD_INPUT with evidence otherwise. Both roots are rebuilt from the same
 * proof: the old one from the left-hand nodes only, the new one from all.
 *
 * @example
 * verifyConsistency(old.size, next.size, proof.hashes, old.rootHash, next.rootHash);
 */
export function verifyConsistency(size1: number, size2: number, proof: readonly Uint8Array[], root1: Uint8Array, root2: Uint8Array): void {
  const fail = (message: string, evidence: Record<string, string | number> = {}): never => {
    throw new MeridianError('BAD_INPUT', `consistency ${size1} → ${size2}: ${message}`, { check: 'consistency', size1, size2, ...evidence });
  };
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size2 < size1) fail('sizes out of order');
  // Every tree extends the empty one, so a "proof" says nothing; like
  // transparency-dev, refuse it rather than let a caller believe it checked something.
  if (size1 === 0) fail('consistency with the empty tree proves nothing');
  if (size1 === size2) {
    if (proof.length > 0) fail('proof between equal sizes must be empty', { proofLength: proof.length });
    if (!Buffer.from(root1).equals(root2)) fail('equal sizes but different roots', { root1: hex(root1), root2: hex(root2) });
    return;
  }
  if (proof.length === 0) fail('empty proof');
  proof.forEach((p, k) => p.length !== HASH_SIZE && fail(`proof hash ${k} is not 32 bytes`, { position: k, length: p.length }));

  const last1 = BigInt(size1 - 1);
  const last2 = BigInt(size2 - 1);
  let shift = 0n;
  while (((BigInt(size1) >> shift) & 1n) === 0n) shift++;
  const inner = BigInt(bitLength(last1 ^ last2)) - shift;
  const powerOfTwo = BigInt(size1) === 1n << shift;
  const seed = powerOfTwo ? root1 : proof[0]!;
  const rest = powerOfTwo ? proof : proof.slice(1);
  const mask = last1 >> shift;
  const border = popcount(mask >> inner);
  if (BigInt(rest.length) !== inner + BigInt(border)) {
    fail(`proof needs ${Number(inner) + border + (powerOfTwo ? 0 : 1)} hashes, got ${proof.length}`, { proofLength: proof.length });
  }
  let h1 = seed;
  let h2 = seed;
  rest.forEach((p, k) => {
    if (BigInt(k) < inner) {
      if (((mask >> BigInt(k)) & 1n) === 1n) {
        h1 = hashChildren(p, h1);
        h2 = hashChildren(p, h2);
      } else {
        h2 = hashChildren(h2, p);
      }
    } else {
      h1 = hashChildren(p, h1);
      h2 = hashChildren(p, h2);
    }
  });
  if (!Buffer.from(h1).equals(root1)) fail('proof does not lead to the old root', { expectedRoot: hex(root1), computedRoot: hex(h1) });
  if (!Buffer.from(h2).equals(root2)) fail('proof does not lead to the new root', { expectedRoot: hex(root2), computedRoot: hex(h2) });
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

function popcount(x: bigint): number {
  let n = 0;
  for (; x > 0n; x >>= 1n) n += Number(x & 1n);
  return n;
}
