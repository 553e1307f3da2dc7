import { hashChildren } from '../merkle/hashes.ts';

/**
 * RFC 9162 §2.1.3.2, step by step, written independently of the writer's
 * proof code: the root an inclusion proof leads to, or the reason it cannot
 * lead anywhere.
 *
 * @example
 * const r = rfc9162InclusionRoot(3, 8, leafHash, proof);
 * if (typeof r === 'string') console.log('invalid:', r);
 */
export function rfc9162InclusionRoot(index: number, size: number, leafHash: Uint8Array, proof: readonly Uint8Array[]): Uint8Array | string {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    return `entry number ${index} cannot be in a log of ${size} entries`;
  }
  if (leafHash.length !== 32 || proof.some((p) => p.length !== 32)) return 'a hash in the proof is not 32 bytes long';
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0n) return 'the proof has more steps than the tree has levels';
    if ((fn & 1n) === 1n || fn === sn) {
      r = hashChildren(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = hashChildren(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) return 'the proof has fewer steps than the tree has levels';
  return r;
}
