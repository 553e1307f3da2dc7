import { hashChildren } from '../merkle/hashes.ts';

/**
 * RFC 9162 §2.1.4.2, step by step, written independently of the writer's
 * proof code. Returns undefined when the proof shows that the log of
 * `second` entries (root `secondRoot`) only appended to the log of `first`
 * entries (root `firstRoot`), else the reason it does not.
 *
 * @example
 * const problem = rfc9162ConsistencyCheck(10, 20, proof, oldRoot, newRoot);
 */
export function rfc9162ConsistencyCheck(
  first: number,
  second: number,
  proof: readonly Uint8Array[],
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
): string | undefined {
  const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(b);
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || second < first) {
    return `a log cannot shrink from ${first} to ${second} entries`;
  }
  if (proof.some((p) => p.length !== 32)) return 'a hash in the proof is not 32 bytes long';
  if (first === 0) return 'a consistency proof from an empty log proves nothing';
  if (first === second) {
    if (proof.length > 0) return 'the proof should be empty for two checkpoints of the same size';
    return same(firstRoot, secondRoot) ? undefined : 'two checkpoints of the same size have different contents (a split view)';
  }
  if (proof.length === 0) return 'the proof is empty';

  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = BigInt(first - 1);
  let sn = BigInt(second - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0n) return 'the proof has more steps than the trees have levels';
    if ((fn & 1n) === 1n || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) return 'the proof has fewer steps than the trees have levels';
  if (!same(fr, firstRoot)) return 'the proof does not reproduce the older checkpoint';
  if (!same(sr, secondRoot)) return 'the proof does not reproduce the newer checkpoint';
  return undefined;
}

function isPowerOfTwo(n: number): boolean {
  let x = BigInt(n);
  while (x > 1n && (x & 1n) === 0n) x >>= 1n;
  return x === 1n;
}
