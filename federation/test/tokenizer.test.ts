import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fnv1a32 } from '../src/tokenizer/fnv1a-32.ts';
import { hashFeatures, tokenize } from '../src/tokenizer/hash-features.ts';
import { normalizeText } from '../src/tokenizer/normalize-text.ts';
import { DEFAULT_TOKENIZER_CONFIG } from '../src/tokenizer/tokenizer-config.ts';

const small = { buckets: 1024, wordNgrams: 2, charNgramMin: 2, charNgramMax: 4 };

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
  it('hashes the UTF-8 bytes of non-Latin text', () => {
    // "é" is C3 A9 in UTF-8: FNV-1a over those two bytes.
    let h = 0x811c9dc5;
    for (const b of [0xc3, 0xa9]) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    expect(fnv1a32('é')).toBe(h);
  });
});

describe('normalizeText', () => {
  it('folds case and compatibility forms (NFKC)', () => {
    expect(normalizeText('Ｃａｒｄ ARRIVED?')).toBe('card arrived?');
  });
  it('normalises Arabic alef forms, ta marbuta, alef maksura, diacritics and tatweel', () => {
    expect(normalizeText('أهلاً  بِكُم')).toBe('اهلا بكم');
    expect(normalizeText('مدرسة على إلى آخر ـــمـــرحبا')).toBe('مدرسه علي الي اخر مرحبا');
  });
  it('maps Arabic-Indic and Thai digits to ASCII, URLs and mentions to placeholders', () => {
    expect(normalizeText('٣٤٥ ۷ ๙')).toBe('345 7 9');
    expect(normalizeText('see https://x.y/z @bob')).toBe('see url @user');
  });
});

describe('hashFeatures', () => {
  it('is pinned by a known answer (changing it invalidates every trained model)', () => {
    expect(Array.from(hashFeatures('Hi card!', small))).toEqual([912, 443, 406, 748, 150, 652, 253, 694, 117, 773, 871, 527, 625, 816, 316, 550, 33, 205, 181, 670, 357, 112]);
    expect(hashFeatures('Where is my card?').length).toBe(46);
  });
  it('emits 3 words, 5 + 12 character grams and 2 bigrams for "Hi card!"', () => {
    expect(tokenize(normalizeText('Hi card!'))).toEqual(['hi', 'card', '!']);
    expect(hashFeatures('Hi card!', small).length).toBe(3 + 5 + 12 + 2);
  });
  it('carries unspaced Thai by character n-grams', () => {
    const ids = hashFeatures('สวัสดีครับ', small);
    expect(ids.length).toBeGreaterThan(20);
    // A shared substring gives shared grams although the "words" differ.
    const a = new Set(hashFeatures('ขอบคุณครับ', small));
    expect([...hashFeatures('สวัสดีครับ', small)].some((x) => a.has(x))).toBe(true);
  });
  it('makes Arabic spelling variants hash alike', () => {
    expect(Array.from(hashFeatures('إلى المدرسة', small))).toEqual(Array.from(hashFeatures('الى المدرسه', small)));
  });
  it('is deterministic and stays within the bucket range for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const a = hashFeatures(s, small);
        expect(Array.from(a)).toEqual(Array.from(hashFeatures(s, small)));
        for (const id of a) expect(id >= 0 && id < small.buckets).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('defaults to 2^16 buckets', () => {
    expect(DEFAULT_TOKENIZER_CONFIG.buckets).toBe(65536);
  });
});
