import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { dropCounter } from '../drop-counter.ts';
import { INTENT_LABELS } from '../intent-labels.ts';
import { parseCsv } from '../parse-csv.ts';
import type { SourceExample, SourceSplits } from '../source-example.ts';
import { readDataFile } from './read-data-file.ts';

/**
 * Parses a Banking77 CSV (`text,category`) into intent examples. Pure.
 *
 * @example
 * parseBanking77('text,category\nWhere is my card?,card_arrival\n', drops); // [{ text: 'Where is my card?', label: 0, language: 'en' }]
 */
export function parseBanking77(csv: string, drops: ReturnType<typeof dropCounter>): SourceExample[] {
  const out: SourceExample[] = [];
  for (const row of parseCsv(csv).slice(1)) {
    const [text, category] = row;
    const label = INTENT_LABELS.indexOf(category ?? '');
    if (row.length !== 2 || label < 0) {
      if (row.length > 0 && row.join('') !== '') drops.add('unknown label or malformed row');
      continue;
    }
    if (!text?.trim()) {
      drops.add('empty text');
      continue;
    }
    out.push({ text, label, language: 'en' });
  }
  return out;
}

/**
 * Banking77 (en, CC BY 4.0, PolyAI): the official train.csv and test.csv.
 *
 * @example
 * const { train, test } = loadBanking77(sharedDataDir());
 */
export function loadBanking77(dataDir: string): SourceSplits {
  const drops = dropCounter();
  const train = parseBanking77(readDataFile(dataDir, 'intent/banking77/train.csv'), drops);
  const test = parseBanking77(readDataFile(dataDir, 'intent/banking77/test.csv'), drops);
  if (train.length === 0) throw new MeridianError('BAD_INPUT', 'Banking77 train.csv held no rows', { dataDir });
  return { train, test, dropped: drops.counts };
}
