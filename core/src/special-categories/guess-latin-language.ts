import type { LexiconLanguage } from './lexicons.ts';

// Frequent function words, chosen to separate the regions' Latin-script
// languages. Indonesian and Malay share most of theirs and are guessed as a
// pair; Vietnamese is recognised by its letters instead.
const STOPWORDS: Readonly<Record<'en' | 'de' | 'fr' | 'es' | 'it' | 'pt' | 'id', readonly string[]>> = {
  en: ['the', 'and', 'is', 'my', 'i', 'you', 'to', 'of', 'it', 'for', 'have', 'with', 'not', 'this', 'can', 'was', 'what', 'how', 'why', 'when', "i'm", 'me', 'am', 'are', 'do', 'does', 'be', 'been'],
  de: ['der', 'die', 'das', 'und', 'ist', 'ich', 'nicht', 'mit', 'ein', 'eine', 'für', 'auf', 'mein', 'meine', 'sie', 'wir', 'auch', 'bitte', 'ich', 'habe', 'wurde', 'noch', 'kann', 'wie', 'warum', 'dem', 'den', 'zu'],
  fr: ['le', 'les', 'et', 'est', 'je', 'pas', 'une', 'des', 'du', 'pour', 'mon', 'avec', 'vous', 'qui', 'ce', 'sur', "j'ai", 'suis', 'au', 'aux', 'mais', 'ne', 'nous', 'mes'],
  es: ['el', 'los', 'las', 'y', 'es', 'que', 'no', 'una', 'por', 'para', 'mi', 'con', 'se', 'del', 'lo', 'está', 'pero', 'muy', 'como', 'hay', 'yo', 'tengo', 'mis', 'al'],
  it: ['il', 'che', 'è', 'non', 'una', 'per', 'di', 'mi', 'con', 'sono', 'della', 'ho', 'gli', 'del', 'anche', 'ma', 'come', 'questo', 'nel', 'alla', 'più', 'perché', 'ci'],
  pt: ['o', 'os', 'é', 'que', 'não', 'um', 'uma', 'para', 'com', 'meu', 'minha', 'do', 'da', 'em', 'está', 'mas', 'você', 'eu', 'muito', 'no', 'na', 'ao', 'foi'],
  id: ['yang', 'dan', 'di', 'tidak', 'ini', 'itu', 'saya', 'aku', 'dengan', 'untuk', 'ada', 'sudah', 'ke', 'dari', 'juga', 'bisa', 'banget', 'gue', 'kalau', 'tak', 'boleh', 'nak', 'sangat', 'kami', 'akan', 'enggak', 'nya'],
};
const INDEX = new Map<string, (keyof typeof STOPWORDS)[]>();
for (const [lang, words] of Object.entries(STOPWORDS) as [keyof typeof STOPWORDS, readonly string[]][]) {
  for (const w of words) INDEX.set(w, [...(INDEX.get(w) ?? []), lang]);
}
// Letters only Vietnamese uses among the regions' languages (ơ ư ă đ and
// the tone-marked vowels ạ ả ấ ầ ẩ ẫ ậ ắ ằ ẳ ẵ ặ ẹ ẻ ẽ ế ề ể ễ ệ ỉ ị ọ ỏ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ụ ủ ứ ừ ử ữ ự ỳ ỵ ỷ ỹ).
const VIETNAMESE = /[ơưăđƠƯĂĐ\u1ea0-\u1ef9]/gu;

/**
 * Guesses which Latin-script lexicons a message needs when its channel gave
 * no language: one language when its function words clearly dominate
 * (≥ 2 hits and ≥ 1.5× the runner-up), else `undefined` (use them all).
 * Narrowing avoids cross-language false positives ("Politik" is German for
 * policy, but Indonesian for politics) and halves the scanning cost.
 *
 * @example
 * guessLatinLanguages('Ich habe meine Karte nicht bekommen'); // ['de']
 * guessLatinLanguages('ok'); // undefined
 */
export function guessLatinLanguages(text: string): LexiconLanguage[] | undefined {
  if ((text.match(VIETNAMESE)?.length ?? 0) >= 2) return ['vi'];
  const score: Record<string, number> = {};
  for (const token of text.toLowerCase().split(/[^\p{L}']+/u)) {
    for (const lang of INDEX.get(token) ?? []) score[lang] = (score[lang] ?? 0) + 1;
  }
  const ranked = Object.entries(score).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < 2 || (second && best[1] < 1.5 * second[1])) return undefined;
  return best[0] === 'id' ? ['id', 'ms'] : [best[0] as LexiconLanguage];
}
