import type { SpecialCategory } from './special-category.ts';

/**
 * How text and terms are folded before they are compared:
 * - `fold`: Latin-script languages that customers often type without accents
 *   (en, de, fr, es, it, pt, id, ms): compatibility-decompose, drop combining
 *   marks, ß→ss, lower-case. "religião", "religiao" and "RELIGIÃO" all match.
 * - `exact`: scripts where marks carry meaning (Thai vowels and tones,
 *   Vietnamese tones: "đạo" religion vs "dao" knife): NFC and lower-case only.
 * - `arabic`: drop harakat and tatweel, unify alef forms (أ إ آ ٱ → ا),
 *   alef maqsura → ya, ta marbuta → ha, Persian kaf/ya → Arabic.
 */
export type Normalization = 'fold' | 'exact' | 'arabic';

/**
 * One language's evidence for special categories, kept as data.
 *
 * Term syntax (after normalisation):
 * - a space matches one space, a hyphen or nothing: `dna test` matches
 *   "DNA-Test" and "dnatest";
 * - a trailing `*` accepts any word continuation (`diabet*` → "diabetic",
 *   "Diabetes"); a leading `*` accepts any word start (German compounds:
 *   `*krankheit` → "Herzkrankheit").
 *
 * Inclusion policy (all lexicons): a term is listed when its mention by a
 * customer discloses, or strongly suggests, a special category of the writer
 * or of someone close to them. Left out on purpose, because everybody uses
 * them whatever their beliefs or health:
 * - formulaic expressions ("thank god", "inshallah", "alhamdulillah",
 *   "for god's sake") and idioms ("sick of this", "sakit hati");
 * - public calendar events ("Christmas sale", "Ramadan opening hours",
 *   "Lebaran", "Songkran"): practices tied to them are listed instead
 *   ("fasting", "Eid prayer" via "prayer");
 * - product names that embed a religious word ("Islamic account", "bank
 *   syariah"): the bank already holds the product choice in its own records;
 * - names of parties and politicians: time-bound and country-bound.
 * Listed although ambiguous, because the cost of a miss is higher: "halal" and
 * "kosher" (religious dietary law), "hospital" (being treated is health data),
 * "pregnant".
 */
export interface Lexicon {
  /** BCP 47 primary language subtag. */
  readonly language: string;
  readonly normalization: Normalization;
  /**
   * `word`: a term must start and end at a word edge (space-delimited
   * scripts). `none`: substring match, for scripts written without spaces
   * between words (Thai); such lexicons rely on `exceptions` for precision.
   */
  readonly boundary: 'word' | 'none';
  /** Regex source for clitics that may precede any term (Arabic و ف ب ك ل ال). */
  readonly prefix?: string;
  /** Regex source for clitics or inflections that may follow any term (Malay/Indonesian -nya). */
  readonly suffix?: string;
  readonly terms: Readonly<Partial<Record<SpecialCategory, readonly string[]>>>;
  /**
   * Phrases in which a term does not disclose a category ("sick of",
   * "คริสต์มาส" Christmas). A term match lying inside an exception match is
   * dropped. Same syntax as terms.
   */
  readonly exceptions?: readonly string[];
}
