import type { Lexicon, Normalization } from './lexicon.ts';
import { LEXICONS, type LexiconLanguage } from './lexicons.ts';
import { compileLexicon, type CompiledLexicon } from './compile-lexicon.ts';
import { normalizeForMatching, type NormalizedText } from './normalize-for-matching.ts';
import { SPECIAL_CATEGORIES, type SpecialCategory } from './special-category.ts';
import { REDACTION_MARKER } from './redaction-marker.ts';
import { guessLatinLanguages } from './guess-latin-language.ts';

/** Where in the original text a category was found (UTF-16 offsets, end exclusive). */
export interface SpecialCategorySpan {
  readonly start: number;
  readonly end: number;
  readonly category: SpecialCategory;
}

export interface SpecialCategoryDetection {
  /** Each category found, once, in the order of {@link SPECIAL_CATEGORIES}. */
  readonly categories: readonly SpecialCategory[];
  /** Every match, ordered by start; spans of different categories may overlap. */
  readonly spans: readonly SpecialCategorySpan[];
}

export interface DetectOptions {
  /**
   * BCP 47 tag of the message, if the channel knows it. A supported language
   * narrows matching to its lexicon plus English (customers mix English
   * into every language here). Unknown or unsupported: the lexicons of the
   * scripts in the text; for Latin script, the language its function words
   * point to (see `guessLatinLanguages`), or all of them when unclear.
   */
  readonly language?: string;
}

const compiled = new Map<Lexicon, CompiledLexicon>();
function compiledFor(lexicon: Lexicon): CompiledLexicon {
  let c = compiled.get(lexicon);
  if (!c) compiled.set(lexicon, (c = compileLexicon(lexicon)));
  return c;
}

const LATIN: readonly Lexicon[] = Object.values(LEXICONS).filter((l) => l !== LEXICONS.th && l !== LEXICONS.ar);
const LATIN_LETTER = /\p{Script=Latin}/gu;
const THAI_LETTER = /\p{Script=Thai}/gu;
const ARABIC_LETTER = /\p{Script=Arabic}/gu;

function isLexiconLanguage(tag: string): tag is LexiconLanguage {
  return Object.hasOwn(LEXICONS, tag);
}

function lexiconsFor(text: string, language: string | undefined): readonly Lexicon[] {
  const primary = language?.toLowerCase().split('-')[0];
  if (primary && isLexiconLanguage(primary)) {
    return primary === 'en' ? [LEXICONS.en] : [LEXICONS[primary], LEXICONS.en];
  }
  const out: Lexicon[] = [];
  const thai = text.match(THAI_LETTER)?.length ?? 0;
  if (thai > 0) out.push(LEXICONS.th);
  const arabic = text.match(ARABIC_LETTER)?.length ?? 0;
  if (arabic > 0) out.push(LEXICONS.ar);
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  if (latin === 0) return out;
  // A few Latin words in Thai or Arabic text ("RT @user", "iPhone") are
  // English far more often than anything else.
  if (out.length > 0 && latin < 4 * (thai + arabic)) return [...out, LEXICONS.en];
  const guessed = guessLatinLanguages(text);
  if (!guessed) return [...out, ...LATIN];
  return [...out, ...new Set([...guessed.map((g) => LEXICONS[g]), LEXICONS.en])];
}

function scan(c: CompiledLexicon, n: NormalizedText, out: SpecialCategorySpan[]): void {
  const found: { s: number; e: number; category: SpecialCategory }[] = [];
  for (const m of n.text.matchAll(c.terms)) {
    let k = 1;
    while (k < m.length && m[k] === undefined) k++;
    const category = c.categories[k - 1];
    if (category === undefined || m[0].length === 0) continue;
    found.push({ s: m.index, e: m.index + m[0].length, category });
  }
  if (found.length === 0) return;
  const excepted: [number, number][] = [];
  if (c.exceptions) for (const m of n.text.matchAll(c.exceptions)) excepted.push([m.index, m.index + m[0].length]);
  for (const f of found) {
    if (excepted.some(([s, e]) => s <= f.s && f.e <= e)) continue;
    out.push({ start: n.starts[f.s]!, end: n.ends[f.e - 1]!, category: f.category });
  }
}

/**
 * Finds GDPR Art. 9 (and Art. 10) special categories in a customer message by
 * multilingual lexicons (see `lexicons/`). Pure: no I/O, no clock.
 * Redaction markers left by {@link redactSpecialCategories} are ignored, so
 * detecting already-redacted text finds nothing new.
 *
 * @example
 * const d = detectSpecialCategories('My card was declined at the hospital pharmacy.', { language: 'en' });
 * d.categories; // ['user.health']
 * d.spans; // [{ start: 28, end: 36, category: 'user.health' }, { start: 37, end: 45, category: 'user.health' }]
 */
export function detectSpecialCategories(text: string, options: DetectOptions = {}): SpecialCategoryDetection {
  // Blank out markers with spaces of equal length: offsets stay valid.
  const masked = text.includes('[redacted') ? text.replace(REDACTION_MARKER, (m) => ' '.repeat(m.length)) : text;
  const normalized = new Map<Normalization, NormalizedText>();
  const raw: SpecialCategorySpan[] = [];
  for (const lexicon of lexiconsFor(masked, options.language)) {
    let n = normalized.get(lexicon.normalization);
    if (!n) normalized.set(lexicon.normalization, (n = normalizeForMatching(masked, lexicon.normalization)));
    scan(compiledFor(lexicon), n, raw);
  }
  if (raw.length === 0) return { categories: [], spans: [] };
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  // Drop a span inside an earlier one of the same category (English and the
  // local lexicon often both match "halal"); sorted by start, then longest
  // first, "inside" means "ends no later than the furthest end so far".
  const reach = new Map<SpecialCategory, number>();
  const spans = raw.filter((s) => {
    if ((reach.get(s.category) ?? -1) >= s.end) return false;
    reach.set(s.category, s.end);
    return true;
  });
  const present = new Set(spans.map((s) => s.category));
  return { categories: SPECIAL_CATEGORIES.filter((c) => present.has(c)), spans };
}
