/**
 * A language tag from the script alone, for messages whose channel did not say.
 * Only scripts that name one of the regions' languages unambiguously are mapped;
 * Latin script is left undecided rather than guessed.
 */
export function detectScriptLanguage(text: string): string | undefined {
  let arabic = 0;
  let thai = 0;
  let letters = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x0600 && c <= 0x06ff) arabic++;
    else if (c >= 0x0e00 && c <= 0x0e7f) thai++;
    else if (/\p{L}/u.test(ch)) letters++;
  }
  const total = arabic + thai + letters;
  if (total === 0) return undefined;
  if (arabic / total > 0.5) return 'ar';
  if (thai / total > 0.5) return 'th';
  return undefined;
}
