/** FNV-1a 32-bit offset basis. */
export const FNV1A_32_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Feeds one Unicode code point, as its UTF-8 bytes, into a running FNV-1a
 * 32-bit hash and returns the new state (unsigned).
 *
 * Hashing UTF-8 bytes (not UTF-16 code units) makes bucket ids reproducible
 * from any language: Python's `fnv1a(s.encode('utf-8'))` gives the same value.
 * Streaming per code point lets the tokenizer emit every character n-gram
 * starting at one position from a single pass.
 *
 * @example
 * let h = FNV1A_32_OFFSET;
 * for (const ch of 'a') h = fnv1a32Update(h, ch.codePointAt(0)!);
 * h === 0xe40c292c; // true, the published FNV-1a test vector for "a"
 */
export function fnv1a32Update(hash: number, codePoint: number): number {
  let h = hash;
  if (codePoint < 0x80) {
    h = Math.imul(h ^ codePoint, FNV_PRIME);
  } else if (codePoint < 0x800) {
    h = Math.imul(h ^ (0xc0 | (codePoint >> 6)), FNV_PRIME);
    h = Math.imul(h ^ (0x80 | (codePoint & 0x3f)), FNV_PRIME);
  } else if (codePoint < 0x10000) {
    h = Math.imul(h ^ (0xe0 | (codePoint >> 12)), FNV_PRIME);
    h = Math.imul(h ^ (0x80 | ((codePoint >> 6) & 0x3f)), FNV_PRIME);
    h = Math.imul(h ^ (0x80 | (codePoint & 0x3f)), FNV_PRIME);
  } else {
    h = Math.imul(h ^ (0xf0 | (codePoint >> 18)), FNV_PRIME);
    h = Math.imul(h ^ (0x80 | ((codePoint >> 12) & 0x3f)), FNV_PRIME);
    h = Math.imul(h ^ (0x80 | ((codePoint >> 6) & 0x3f)), FNV_PRIME);
    h = Math.imul(h ^ (0x80 | (codePoint & 0x3f)), FNV_PRIME);
  }
  return h >>> 0;
}

/**
 * FNV-1a 32-bit hash of a string's UTF-8 encoding.
 *
 * @example
 * fnv1a32('foobar'); // 0xbf9cf968
 */
export function fnv1a32(text: string, seed: number = FNV1A_32_OFFSET): number {
  let h = seed >>> 0;
  for (const ch of text) h = fnv1a32Update(h, ch.codePointAt(0) ?? 0);
  return h;
}
