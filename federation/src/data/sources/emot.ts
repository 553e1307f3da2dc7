import { dropCounter } from '../drop-counter.ts';
import { EMOTION_LABEL_MAP, resolveEmotion } from '../emotion-label-map.ts';
import { parseCsv } from '../parse-csv.ts';
import type { SourceExample, SourceSplits } from '../source-example.ts';
import { readDataFile } from './read-data-file.ts';

/** Parses IndoNLU EmoT CSV (`label,tweet`): happy and love map to joy. Pure. */
export function parseEmot(csv: string, drops: ReturnType<typeof dropCounter>): SourceExample[] {
  const out: SourceExample[] = [];
  for (const row of parseCsv(csv).slice(1)) {
    const [lab, text] = row;
    const label = resolveEmotion([lab ?? ''], EMOTION_LABEL_MAP.emot);
    if (label === undefined || label === null || !text?.trim()) {
      if (row.join('') !== '') drops.add('malformed row');
      continue;
    }
    out.push({ text: text.trim(), label, language: 'id' });
  }
  return out;
}

/**
 * EmoT (id, Apache-2.0, IndoNLU): official train and test (valid unused).
 *
 * @example
 * const { train, test } = loadEmot(sharedDataDir());
 */
export function loadEmot(dataDir: string): SourceSplits {
  const drops = dropCounter();
  const train = parseEmot(readDataFile(dataDir, 'emotion/emot/train_preprocess.csv'), drops);
  const test = parseEmot(readDataFile(dataDir, 'emotion/emot/test_preprocess.csv'), drops);
  return { train, test, dropped: drops.counts };
}
