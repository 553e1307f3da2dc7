import { fnv1a32, fnv1a32Update } from './fnv1a-32.ts';
import { normalizeText } from './normalize-text.ts';
import type { TokenizerConfig } from './tokenizer-config.ts';
import { DEFAULT_TOKENIZER_CONFIG } from './tokenizer-config.ts';

// Each feature kind starts from its own seed so that the word "ab", the bigram
// "a b" and the character gram "ab" do not share a bucket by construction.
const WORD_SEED = fnv1a32('w\u001f');
const BIGRAM_SEED = fnv1a32('b\u001f');
const CHAR_SEED = fnv1a32('c\u001f');
const SPACE = 0x20;
const BOW = 0x3c; // '<'
const EOW = 0x3e; // '>'

/**
 * Words are runs of letters, combining marks (Thai vowels and tone marks,
 * Arabic harakat that survived normalisation), digits and apostrophes; every
 * other visible character (punctuation, each emoji) is a token of its own,
 * because "!!!" and "🙏" carry sentiment.
 */
const TOKEN_RE = /[\p{L}\p{M}\p{N}_'’]+|[^\s\p{L}\p{M}\p{N}_'’]/gu;

/** Splits normalised text into word and symbol tokens (see TOKEN_RE). */
export function tokenize(normalized: string): string[] {
  return normalized.match(TOKEN_RE) ?? [];
}

/**
 * Turns a message into the bag of hashed feature ids a fastText model pools:
 * word unigrams, word n-grams up to `wordNgrams`, and character n-grams of
 * every word written as `<word>`. Ids repeat when a feature repeats (the bag
 * is a multiset, as in fastText). Language-agnostic: no word lists, no
 * segmenter; scripts without spaces (Thai) are carried by character n-grams.
 *
 * Deterministic: FNV-1a 32-bit over UTF-8 of the normalised text, modulo
 * `buckets`. The known-answer tests pin the ids.
 *
 * @example
 * const ids = hashFeatures('Where is my card?');
 * ids.length; // 4 words + 1 symbol, 4 bigrams, and the character 2–4-grams
 */
export function hashFeatures(text: string, config: TokenizerConfig = DEFAULT_TOKENIZER_CONFIG): Int32Array {
  const tokens = tokenize(normalizeText(text));
  const out: number[] = [];
  const { buckets, wordNgrams, charNgramMin, charNgramMax } = config;
  const tokenHashes: number[] = [];
  for (const tok of tokens) {
    const cps = Array.from(tok, (c) => c.codePointAt(0) ?? 0);
    let h = WORD_SEED;
    for (const cp of cps) h = fnv1a32Update(h, cp);
    tokenHashes.push(h);
    out.push(h % buckets);
    if (!isWordToken(cps)) continue;
    const marked = [BOW, ...cps, EOW];
    for (let i = 0; i < marked.length; i++) {
      let g = CHAR_SEED;
      for (let n = 1; n <= charNgramMax && i + n <= marked.length; n++) {
        g = fnv1a32Update(g, marked[i + n - 1] ?? 0);
        // The lone "<" or ">" and the whole "<word>" add nothing the word id lacks.
        if (n >= charNgramMin && !(i === 0 && n === marked.length)) out.push(g % buckets);
      }
    }
  }
  for (let order = 2; order <= wordNgrams; order++) {
    for (let i = 0; i + order <= tokens.length; i++) {
      let h = BIGRAM_SEED ^ order;
      for (let k = 0; k < order; k++) {
        if (k > 0) h = fnv1a32Update(h, SPACE);
        // Mixing the token hashes (not re-reading the strings) keeps n-grams O(order).
        const th = tokenHashes[i + k] ?? 0;
        h = fnv1a32Update(fnv1a32Update(fnv1a32Update(fnv1a32Update(h, th & 0xff), (th >>> 8) & 0xff), (th >>> 16) & 0xff), th >>> 24);
      }
      out.push(h % buckets);
    }
  }
  return Int32Array.from(out);
}

function isWordToken(cps: readonly number[]): boolean {
  // A single symbol or emoji gets its word id only; its "<x>" grams would be noise.
  if (cps.length !== 1) return true;
  const ch = String.fromCodePoint(cps[0] ?? 0);
  return /[\p{L}\p{N}]/u.test(ch);
}
