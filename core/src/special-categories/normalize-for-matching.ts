import type { Normalization } from './lexicon.ts';

/** Text folded for matching, with the way back to the original offsets. */
export interface NormalizedText {
  readonly text: string;
  /** For each UTF-16 unit of `text`, where its source starts in the original. */
  readonly starts: readonly number[];
  /** For each UTF-16 unit of `text`, where its source ends in the original (exclusive). */
  readonly ends: readonly number[];
}

const MARK = /\p{M}/u;
const MARKS = /\p{M}/gu;
const WHITESPACE = /\s/u;
// Zero-width characters split words invisibly ("hos\u200Bpital"); they are
// dropped so they cannot be used, or happen, to dodge a term.
const INVISIBLE = new Set([0x00ad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
const PUNCTUATION_FOLD: Readonly<Record<string, string>> = {
  '\u2018': "'", '\u2019': "'", '\u02bc': "'", '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2212': '-',
};
// Letters that compatibility decomposition leaves alone but that customers
// replace with ASCII when they type without a national keyboard.
const LATIN_FOLD: Readonly<Record<string, string>> = {
  ß: 'ss', ẞ: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ł: 'l', Ł: 'l', ı: 'i', þ: 'th', Þ: 'th',
};
// Harakat, superscript alef, Quranic annotation marks; NFD also turns the
// hamza and madda of أ إ آ ؤ ئ into marks in this range, which folds them.
const ARABIC_MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/g;
const ARABIC_FOLD: Readonly<Record<string, string>> = {
  '\u0640': '', // tatweel
  '\u0671': '\u0627', // alef wasla → alef
  '\u0649': '\u064a', // alef maqsura → ya
  '\u0629': '\u0647', // ta marbuta → ha
  '\u06a9': '\u0643', // Persian kaf → kaf
  '\u06cc': '\u064a', // Persian ya → ya
};

function foldUnitUncached(unit: string, mode: Normalization): string {
  const p = PUNCTUATION_FOLD[unit];
  if (p !== undefined) return p;
  switch (mode) {
    case 'fold': {
      let out = '';
      for (const ch of unit.normalize('NFKD').toLowerCase().replace(MARKS, '')) out += LATIN_FOLD[ch] ?? ch;
      return out;
    }
    case 'exact':
      return unit.normalize('NFC').toLowerCase();
    case 'arabic': {
      let out = '';
      for (const ch of unit.normalize('NFD').replace(ARABIC_MARKS, '')) out += ARABIC_FOLD[ch] ?? ch;
      return out.normalize('NFC').toLowerCase();
    }
  }
}

// Messages reuse a small alphabet, so folding each distinct unit once makes
// non-Latin text about as cheap as ASCII. Bounded, so hostile input cannot
// grow it without limit.
const UNIT_CACHE: Record<Normalization, Map<string, string>> = { fold: new Map(), exact: new Map(), arabic: new Map() };
const UNIT_CACHE_LIMIT = 20_000;
function foldUnit(unit: string, mode: Normalization): string {
  const cache = UNIT_CACHE[mode];
  let out = cache.get(unit);
  if (out === undefined) {
    out = foldUnitUncached(unit, mode);
    if (cache.size < UNIT_CACHE_LIMIT) cache.set(unit, out);
  }
  return out;
}

// Per BMP code unit: 0 not yet known, 1 combining mark, 2 whitespace, 3 other.
const KIND = new Uint8Array(0x10000);
function kindOf(cp: number): number {
  if (cp > 0xffff) return MARK.test(String.fromCodePoint(cp)) ? 1 : 3;
  let k = KIND[cp]!;
  if (k === 0) {
    const ch = String.fromCharCode(cp);
    k = MARK.test(ch) ? 1 : WHITESPACE.test(ch) ? 2 : 3;
    KIND[cp] = k;
  }
  return k;
}

const LINE_BREAKS = new Set(['\n', '\r', '\u2028', '\u2029', '\u0085', '\v', '\f']);

// A run of whitespace becomes one space, or one newline if it breaks a line:
// terms and exceptions never match across a line, just as sentences never
// span one, so removing a neighbouring line cannot change what matches here.
function whitespaceRun(text: string, i: number, emit: (s: string, from: number, to: number) => void): number {
  let j = i;
  let newline = false;
  while (j < text.length && kindOf(text.charCodeAt(j)) === 2) {
    if (LINE_BREAKS.has(text[j]!)) newline = true;
    j++;
  }
  emit(newline ? '\n' : ' ', i, j);
  return j;
}

/**
 * Folds text for lexicon matching (see {@link Normalization}) and collapses
 * every run of whitespace to one space (one newline if it holds a line
 * break), remembering for each output unit the
 * range of the original it came from, so matches map back to exact offsets.
 * A base character and the combining marks after it are folded together.
 *
 * @example
 * const n = normalizeForMatching('Religião  É', 'fold');
 * n.text; // 'religiao e'
 * n.starts[9]; // 10: the "e" came from the "É" at offset 10
 */
export function normalizeForMatching(text: string, mode: Normalization): NormalizedText {
  // Plain arrays: one character can fold to many (NFKD of U+FDFA is 18 units).
  const starts: number[] = [];
  const ends: number[] = [];
  let out = '';
  const emit = (s: string, from: number, to: number): void => {
    for (let k = 0; k < s.length; k++) {
      starts.push(from);
      ends.push(to);
    }
    out += s;
  };
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    // ASCII fast path: the common case for most of the regions' traffic.
    if (c < 0x80) {
      if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) {
        i = whitespaceRun(text, i, emit);
      } else {
        emit(c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 32) : text[i]!, i, i + 1);
        i++;
      }
      continue;
    }
    const cp = text.codePointAt(i)!;
    let j = i + (cp > 0xffff ? 2 : 1);
    if (INVISIBLE.has(cp)) {
      i = j;
      continue;
    }
    if (kindOf(cp) === 2) {
      i = whitespaceRun(text, i, emit);
      continue;
    }
    // Attach the following combining marks to their base character.
    while (j < text.length) {
      const next = text.codePointAt(j)!;
      if (kindOf(next) !== 1) break;
      j += next > 0xffff ? 2 : 1;
    }
    emit(foldUnit(text.slice(i, j), mode), i, j);
    i = j;
  }
  return { text: out, starts, ends };
}
