import { dropCounter } from '../drop-counter.ts';
import { parseCsv } from '../parse-csv.ts';
import type { SourceExample, SourceSplits } from '../source-example.ts';
import { readDataFile } from './read-data-file.ts';

const SENTIMENT: Readonly<Record<string, number>> = Object.freeze({ NEG: 0, NEU: 1, POS: 2 });

/**
 * Parses ArSarcasm-v2 CSV (`tweet,sarcasm,sentiment,dialect`) into sentiment
 * examples (NEG/NEU/POS). Sarcasm and dialect are not used. Pure.
 */
export function parseArSarcasm(csv: string, drops: ReturnType<typeof dropCounter>): SourceExample[] {
  const rows = parseCsv(csv);
  const header = rows[0] ?? [];
  const ti = header.indexOf('tweet');
  const si = header.indexOf('sentiment');
  const out: SourceExample[] = [];
  for (const row of rows.slice(1)) {
    const text = (row[ti] ?? '').replace(/^"+|"+$/g, '').trim();
    const label = SENTIMENT[(row[si] ?? '').trim()];
    if (label === undefined || text === '') {
      if (row.join('') !== '') drops.add('malformed row');
      continue;
    }
    out.push({ text, label, language: 'ar' });
  }
  return out;
}

/**
 * ArSarcasm-v2 (ar, five dialects, MIT): official training and testing files.
 *
 * @example
 * const { train, test } = loadArSarcasm(sharedDataDir());
 */
export function loadArSarcasm(dataDir: string): SourceSplits {
  const drops = dropCounter();
  const train = parseArSarcasm(readDataFile(dataDir, 'sentiment/arsarcasm-v2/training_data.csv'), drops);
  const test = parseArSarcasm(readDataFile(dataDir, 'sentiment/arsarcasm-v2/testing_data.csv'), drops);
  return { train, test, dropped: drops.counts };
}
