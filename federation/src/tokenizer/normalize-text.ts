/**
 * Canonical form of a customer message before hashing, so that spellings a
 * reader would call "the same" land in the same buckets across regions.
 *
 * Steps, in order (each explained where it is done):
 * 1. Unicode NFKC: folds compatibility forms (full-width Latin, Arabic
 *    presentation forms U+FB50–U+FEFF, ligatures) to their base letters.
 * 2. Case folding by `toLowerCase()` (scripts without case, Thai and Arabic,
 *    are untouched).
 * 3. Arabic orthographic normalisation, as Lucene's ArabicNormalizer does:
 *    alef variants (أ إ آ ٱ) → ا, alef maksura ى → ي, Persian yeh ی → ي,
 *    ta marbuta ة → ه, tatweel and harakat (diacritics, Quranic marks) removed.
 *    Writers use these forms inconsistently, especially in dialectal tweets.
 * 4. Arabic-Indic, Extended Arabic-Indic and Thai digits → ASCII digits.
 * 5. URLs → `url`, @mentions → `@user` (UMSAB already anonymises mentions this
 *    way, so every source agrees), whitespace collapsed.
 *
 * @example
 * normalizeText('أهلاً  بِكُم'); // 'اهلا بكم'
 * normalizeText('Ｃａｒｄ ARRIVED?'); // 'card arrived?'
 */
export function normalizeText(text: string): string {
  let s = text.normalize('NFKC').toLowerCase();
  s = s
    // Harakat U+064B–U+065F, superscript alef U+0670, Quranic marks U+06D6–U+06ED, tatweel U+0640.
    .replace(/[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g, '')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
    .replace(/[\u0649\u06CC]/g, '\u064A')
    .replace(/\u0629/g, '\u0647')
    .replace(/[\u0660-\u0669\u06F0-\u06F9\u0E50-\u0E59]/g, digitToAscii)
    .replace(/\bhttps?:\/\/\S+|\bwww\.\S+/g, ' url ')
    .replace(/@[\p{L}\p{N}_]+/gu, ' @user ')
    .replace(/\s+/g, ' ')
    .trim();
  return s;
}

function digitToAscii(d: string): string {
  const c = d.charCodeAt(0);
  const zero = c >= 0x0e50 ? 0x0e50 : c >= 0x06f0 ? 0x06f0 : 0x0660;
  return String.fromCharCode(48 + c - zero);
}
