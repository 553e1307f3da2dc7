/**
 * Integer helpers for tree sizes up to 2^53. JavaScript bit operators are
 * 32-bit, so these stay in floating-point arithmetic, which is exact for
 * integers below 2^53.
 *
 * @example
 * treeMath.splitPoint(7); // 4
 * treeMath.trailingZeros(12); // 2
 */
export const treeMath = {
  /** 2^level. */
  pow2(level: number): number {
    return 2 ** level;
  },
  /** ⌊x / 2^level⌋. */
  shiftDown(x: number, level: number): number {
    return Math.floor(x / 2 ** level);
  },
  /** Whether bit `level` of x is set. */
  bit(x: number, level: number): boolean {
    return Math.floor(x / 2 ** level) % 2 === 1;
  },
  /** Number of bits needed to write x (0 for 0). */
  bitLength(x: number): number {
    let n = 0;
    while (x >= 1) {
      x = Math.floor(x / 2);
      n++;
    }
    return n;
  },
  /** Number of trailing zero bits of x > 0. */
  trailingZeros(x: number): number {
    let n = 0;
    while (x % 2 === 0) {
      x /= 2;
      n++;
    }
    return n;
  },
  /** Largest power of two strictly below x (x ≥ 2): RFC 9162's split point k. */
  splitPoint(x: number): number {
    let k = 1;
    while (k * 2 < x) k *= 2;
    return k;
  },
  isSafeCount(x: number): boolean {
    return Number.isSafeInteger(x) && x >= 0;
  },
};
