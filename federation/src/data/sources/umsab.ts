import { dropCounter } from '../drop-counter.ts';
import type { SourceExample, SourceSplits } from '../source-example.ts';
import { readDataFile } from './read-data-file.ts';

/** UMSAB language folders and their ISO 639-1 codes. */
export const UMSAB_LANGUAGES: Readonly<Record<string, string>> = Object.freeze({
  arabic: 'ar',
  english: 'en',
  french: 'fr',
  german: 'de',
  italian: 'it',
  portuguese: 'pt',
  spanish: 'es',
});

/**
 * Undoes UMSAB's text escaping: `\uXXXX` escapes (e.g. `\u2019`, `\u002c`)
 * and CSV-style wrapping quotes with doubled inner quotes.
 *
 * @example
 * cleanUmsabText('"a\\u002c ""b"""'); // 'a, "b"'
 */
export function cleanUmsabText(raw: string): string {
  let s = raw.trim();
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1).replace(/""/g, '"');
  return s.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).trim();
}

/**
 * Zips UMSAB's parallel `*_text.txt` / `*_labels.txt` files (labels 0 negative,
 * 1 neutral, 2 positive: the same ids as `SENTIMENT_LABELS`). Pure.
 */
export function parseUmsab(texts: string, labels: string, language: string, drops: ReturnType<typeof dropCounter>): SourceExample[] {
  const t = texts.split('\n');
  const l = labels.split('\n');
  const out: SourceExample[] = [];
  for (let i = 0; i < Math.max(t.length, l.length); i++) {
    const text = cleanUmsabText(t[i] ?? '');
    const lab = (l[i] ?? '').trim();
    if (text === '' && lab === '') continue; // trailing newline
    if (!/^[012]$/.test(lab)) {
      drops.add('bad label');
      continue;
    }
    if (text === '') {
      drops.add('empty text');
      continue;
    }
    out.push({ text, label: Number(lab), language });
  }
  return out;
}

/**
 * UMSAB (cardiffnlp/xlm-t, Apache-2.0) for one language folder: train on
 * `train`, test on `test` (`val` is left for tuning).
 *
 * @example
 * const de = loadUmsab(sharedDataDir(), 'german');
 */
export function loadUmsab(dataDir: string, folder: string): SourceSplits {
  const drops = dropCounter();
  const lang = UMSAB_LANGUAGES[folder] ?? folder;
  const read = (split: string) =>
    parseUmsab(readDataFile(dataDir, 'sentiment/umsab', folder, `${split}_text.txt`), readDataFile(dataDir, 'sentiment/umsab', folder, `${split}_labels.txt`), lang, drops);
  return { train: read('train'), test: read('test'), dropped: drops.counts };
}
