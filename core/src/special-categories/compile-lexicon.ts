import type { Lexicon } from './lexicon.ts';
import type { SpecialCategory } from './special-category.ts';
import { normalizeForMatching } from './normalize-for-matching.ts';

/** A lexicon turned into one regular expression per role, ready to scan folded text. */
export interface CompiledLexicon {
  readonly lexicon: Lexicon;
  /** One capture group per term, longest first; group k holds `categories[k - 1]`. */
  readonly terms: RegExp;
  readonly categories: readonly SpecialCategory[];
  readonly exceptions: RegExp | undefined;
}

const WORD_CHAR = '[\\p{L}\\p{M}\\p{N}]';

function termSource(term: string, lexicon: Lexicon): string {
  const folded = normalizeForMatching(term.trim(), lexicon.normalization).text;
  let src = '';
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i]!;
    if (ch === '*' && (i === 0 || i === folded.length - 1)) src += `${WORD_CHAR}*`;
    else if (ch === ' ' || ch === '-') src += '[ \\-]?';
    else src += ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  return src;
}

function literalLength(term: string): number {
  return term.replace(/\*/g, '').length;
}

function wrap(alternatives: string, lexicon: Lexicon): string {
  const prefix = lexicon.prefix ? `(?:${lexicon.prefix})?` : '';
  const suffix = lexicon.suffix ? `(?:${lexicon.suffix})?` : '';
  const body = `${prefix}(?:${alternatives})${suffix}`;
  return lexicon.boundary === 'word' ? `(?<!${WORD_CHAR})${body}(?!${WORD_CHAR})` : body;
}

/**
 * Compiles a lexicon into a single alternation so a message is scanned once
 * per language, whatever the number of terms. Terms are ordered longest
 * first, so at any position the longest phrase wins ("trade union member"
 * before "trade union").
 *
 * @example
 * const c = compileLexicon(EN);
 * c.terms.test('I was in hospital'); // true
 */
export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  const entries: { term: string; category: SpecialCategory }[] = [];
  for (const [category, terms] of Object.entries(lexicon.terms) as [SpecialCategory, readonly string[]][]) {
    for (const term of terms) entries.push({ term, category });
  }
  entries.sort((a, b) => literalLength(b.term) - literalLength(a.term));
  const alternatives = entries.map((e) => `(${termSource(e.term, lexicon)})`).join('|');
  const exceptions = lexicon.exceptions?.length
    ? new RegExp(wrap(lexicon.exceptions.map((t) => termSource(t, lexicon)).join('|'), lexicon), 'gu')
    : undefined;
  return {
    lexicon,
    terms: new RegExp(wrap(alternatives, lexicon), 'gu'),
    categories: entries.map((e) => e.category),
    exceptions,
  };
}
