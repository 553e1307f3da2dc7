import { dropCounter } from '../drop-counter.ts';
import { INTENT_LABELS } from '../intent-labels.ts';
import { parseCsv } from '../parse-csv.ts';
import type { SourceExample, SourceSplits } from '../source-example.ts';
import { readDataFile } from './read-data-file.ts';

const DIR = 'intent/arbanking77';

/**
 * The Arabic → English intent map from `Banking77_intents.csv`
 * (`label_en,label_ar`): English names there use spaces ("card arrival"),
 * Banking77 uses underscores ("card_arrival").
 *
 * @example
 * parseArabicLabelMap('label_en,label_ar\n"card arrival","وصول البطاقة"\n').get('وصول البطاقة'); // 'card_arrival'
 */
export function parseArabicLabelMap(csv: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const [en, ar] of parseCsv(csv).slice(1)) {
    if (en && ar) map.set(ar.trim(), en.trim().replace(/\s+/g, '_'));
  }
  return map;
}

/**
 * Parses an ArBanking77 CSV (`label,text`, Arabic labels) into intent examples
 * in the Banking77 label space. Pure.
 */
export function parseArBanking77(csv: string, labelMap: ReadonlyMap<string, string>, drops: ReturnType<typeof dropCounter>): SourceExample[] {
  const out: SourceExample[] = [];
  for (const row of parseCsv(csv).slice(1)) {
    const [ar, text] = row;
    const label = INTENT_LABELS.indexOf(labelMap.get((ar ?? '').trim()) ?? '');
    if (row.length !== 2 || label < 0) {
      if (row.join('') !== '') drops.add('unmapped Arabic label or malformed row');
      continue;
    }
    if (!text?.trim()) {
      drops.add('empty text');
      continue;
    }
    out.push({ text, label, language: 'ar' });
  }
  return out;
}

/**
 * ArBanking77 (ar, MSA + Palestinian, CC BY-SA 4.0, SinaLab): trains on
 * `MSA_PAL_train`, tests on `MSA_test`, the paper's protocol. The validation
 * file is left for tuning and is not used.
 *
 * @example
 * const { train, test } = loadArBanking77(sharedDataDir());
 */
export function loadArBanking77(dataDir: string): SourceSplits {
  const drops = dropCounter();
  const map = parseArabicLabelMap(readDataFile(dataDir, DIR, 'Banking77_intents.csv'));
  const train = parseArBanking77(readDataFile(dataDir, DIR, 'Banking77_Arabized_MSA_PAL_train.csv'), map, drops);
  const test = parseArBanking77(readDataFile(dataDir, DIR, 'Banking77_Arabized_MSA_test.csv'), map, drops);
  return { train, test, dropped: drops.counts };
}
