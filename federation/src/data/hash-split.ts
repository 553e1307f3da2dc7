import { fnv1a32 } from '../tokenizer/fnv1a-32.ts';

/**
 * A deterministic pseudo-random fraction in [0, 1) from a string key (FNV-1a
 * of `salt` + key). Splitting by the text itself keeps exact duplicates on the
 * same side, so no test message is also a training message.
 *
 * @example
 * const isTest = hashFraction('wisesight', text) < 0.15;
 */
export function hashFraction(salt: string, key: string): number {
  // A second FNV round over the first hash decorrelates neighbouring keys.
  const h = fnv1a32(key, fnv1a32(salt));
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return (x >>> 0) / 4294967296;
}
