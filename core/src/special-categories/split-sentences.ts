/** A sentence as a half-open range of UTF-16 offsets, without surrounding whitespace. */
export interface SentenceRange {
  readonly start: number;
  readonly end: number;
}

// Sentence enders: Latin/Arabic full stop, question and exclamation marks,
// the Arabic question mark ؟ and Urdu full stop ۔, the ellipsis, and CJK
// stops. Not the Arabic comma ، or semicolon ؛: they join clauses.
const ENDERS = new Set(['.', '?', '!', '\u061f', '\u06d4', '\u2026', '\u3002', '\uff01', '\uff1f']);
// Enders that close a sentence even with no space after them; "." "?" "!"
// need one, so URLs, decimals and "e.g." stay whole.
const ENDS_WITHOUT_SPACE = new Set(['\u061f', '\u06d4', '\u3002', '\uff01', '\uff1f']);
const CLOSERS = new Set(['"', "'", ')', ']', '}', '\u00bb', '\u201d', '\u2019', '\u300d']);
const NEWLINES = new Set(['\n', '\r', '\u2028', '\u2029', '\u0085']);
const THAI = /\p{Script=Thai}/u;
const SPACE = /\s/u;
// A full stop after these is an abbreviation, not the end of a sentence.
const ABBREVIATIONS = new Set([
  'dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'no', 'nr', 'vs', 'etc', 'e.g', 'i.e', 'z.b', 'u.a', 'bzw', 'ca', 'hr', 'fr', 'sr', 'sra', 'srta', 'dott', 'sig', 'mme', 'mlle', 'jl', 'tel',
]);

function wordBefore(text: string, end: number): string {
  let s = end;
  while (s > 0 && /[\p{L}.]/u.test(text[s - 1]!)) s--;
  return text.slice(s, end).toLowerCase();
}

/**
 * Splits a message into sentences for redaction. A sentence ends at:
 * - a newline;
 * - `.` `?` `!` `…` (with any closing quotes or brackets) followed by
 *   whitespace or the end, unless the `.` follows a known abbreviation or a
 *   single letter ("Dr.", "J. Smith");
 * - the Arabic question mark `؟`, the full stop `۔`, and CJK stops, space or not;
 * - whitespace next to Thai script: Thai writes no full stops and uses a
 *   space where other languages end a sentence or clause.
 * Over-splitting is the safe side for redaction: it can only make a redacted
 * unit smaller, never let a match escape its unit.
 *
 * @example
 * splitSentences('Hi. I was in hospital!\nRefund please');
 * // [{start:0,end:3}, {start:4,end:22}, {start:23,end:36}]
 */
export function splitSentences(text: string): SentenceRange[] {
  const out: SentenceRange[] = [];
  let start = -1;
  let lastContent = -1; // end (exclusive) of the last non-space character
  const close = (end: number): void => {
    if (start >= 0 && end > start) out.push({ start, end });
    start = -1;
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (NEWLINES.has(ch)) {
      close(lastContent);
      i++;
      continue;
    }
    if (SPACE.test(ch)) {
      let j = i;
      while (j < text.length && SPACE.test(text[j]!) && !NEWLINES.has(text[j]!)) j++;
      const before = lastContent > 0 ? text[lastContent - 1]! : '';
      const after = j < text.length ? text[j]! : '';
      if (start >= 0 && (THAI.test(before) || THAI.test(after))) close(lastContent);
      i = j;
      continue;
    }
    if (start < 0) start = i;
    if (ENDERS.has(ch)) {
      let j = i + 1;
      while (j < text.length && (ENDERS.has(text[j]!) || CLOSERS.has(text[j]!))) j++;
      lastContent = j;
      const atBreak = j >= text.length || SPACE.test(text[j]!) || ENDS_WITHOUT_SPACE.has(ch);
      const run = text.slice(i, j);
      const abbreviation = run === '.' && (ABBREVIATIONS.has(wordBefore(text, i)) || /^\p{L}$/u.test(wordBefore(text, i)));
      if (atBreak && !abbreviation) close(j);
      i = j;
      continue;
    }
    const cp = text.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    lastContent = i;
  }
  close(lastContent);
  return out;
}
