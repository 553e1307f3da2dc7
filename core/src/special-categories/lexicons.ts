import type { Lexicon } from './lexicon.ts';
import { AR_LEXICON } from './lexicons/ar-lexicon.ts';
import { DE_LEXICON } from './lexicons/de-lexicon.ts';
import { EN_LEXICON } from './lexicons/en-lexicon.ts';
import { ES_LEXICON } from './lexicons/es-lexicon.ts';
import { FR_LEXICON } from './lexicons/fr-lexicon.ts';
import { ID_LEXICON } from './lexicons/id-lexicon.ts';
import { IT_LEXICON } from './lexicons/it-lexicon.ts';
import { MS_LEXICON } from './lexicons/ms-lexicon.ts';
import { PT_LEXICON } from './lexicons/pt-lexicon.ts';
import { TH_LEXICON } from './lexicons/th-lexicon.ts';
import { VI_LEXICON } from './lexicons/vi-lexicon.ts';

/**
 * Every lexicon, by primary language subtag: the regions' languages
 * (eu: en de fr es it pt; sea: th id ms vi; me: ar). An explicit map, so a
 * new language is one line here and one data file.
 *
 * @example
 * LEXICONS.th.boundary; // 'none'
 */
export const LEXICONS = {
  en: EN_LEXICON,
  de: DE_LEXICON,
  fr: FR_LEXICON,
  es: ES_LEXICON,
  it: IT_LEXICON,
  pt: PT_LEXICON,
  th: TH_LEXICON,
  id: ID_LEXICON,
  ms: MS_LEXICON,
  vi: VI_LEXICON,
  ar: AR_LEXICON,
} as const satisfies Readonly<Record<string, Lexicon>>;

export type LexiconLanguage = keyof typeof LEXICONS;
