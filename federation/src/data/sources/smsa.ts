import { dropCounter } from '../drop-counter.ts';
import { SENTIMENT_LABELS } from '../sentiment-labels.ts';
import type { SourceExample, SourceSplits } from '../source-example.ts';
import { readDataFile } from './read-data-file.ts';

/**
 * Parses IndoNLU SmSA TSV (`text\tlabel`, labels negative/neutral/positive). Pure.
 *
 * @example
 * parseSmsa('bagus sekali\tpositive\n', drops); // [{ text: 'bagus sekali', label: 2, language: 'id' }]
 */
export function parseSmsa(tsv: string, drops: ReturnType<typeof dropCounter>): SourceExample[] {
  const out: SourceExample[] = [];
  for (const line of tsv.split('\n')) {
    if (line.trim() === '') continue;
    const tab = line.lastIndexOf('\t');
    const text = line.slice(0, tab).trim();
    const label = SENTIMENT_LABELS.indexOf(line.slice(tab + 1).trim());
    if (tab < 0 || label < 0 || text === '') {
      drops.add('malformed row');
      continue;
    }
    out.push({ text, label, language: 'id' });
  }
  return out;
}

/**
 * SmSA (id, Apache-2.0, IndoNLU): official train and test (valid unused).
 *
 * @example
 * const { train, test } = loadSmsa(sharedDataDir());
 */
export function loadSmsa(dataDir: string): SourceSplits {
  const drops = dropCounter();
  const train = parseSmsa(readDataFile(dataDir, 'sentiment/smsa/train_preprocess.tsv'), drops);
  const test = parseSmsa(readDataFile(dataDir, 'sentiment/smsa/test_preprocess.tsv'), drops);
  return { train, test, dropped: drops.counts };
}
