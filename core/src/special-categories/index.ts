export { SPECIAL_CATEGORIES, GDPR_ARTICLE, FIDESLANG_2_KEYS, isSpecialCategory, type SpecialCategory } from './special-category.ts';
export type { Lexicon, Normalization } from './lexicon.ts';
export { LEXICONS, type LexiconLanguage } from './lexicons.ts';
export { detectSpecialCategories, type SpecialCategoryDetection, type SpecialCategorySpan, type DetectOptions } from './detect-special-categories.ts';
export { redactSpecialCategories, type RedactionMode } from './redact-special-categories.ts';
export { splitSentences, type SentenceRange } from './split-sentences.ts';
export { REDACTION_MARKER, redactionMarker } from './redaction-marker.ts';
