import { dropCounter } from '../drop-counter.ts';
import { EMOTION_LABEL_MAP, resolveEmotion } from '../emotion-label-map.ts';
import type { SourceExample, SourceSplits } from '../source-example.ts';
import { readDataFile } from './read-data-file.ts';

/**
 * Parses GoEmotions TSV (`text\tlabel_ids\tid`, ids index `labels.txt`,
 * comma-separated when multi-label) into emotion examples; ambiguous rows
 * (two specific emotions after mapping) are dropped and counted. Pure.
 */
export function parseGoEmotions(tsv: string, labelNames: readonly string[], drops: ReturnType<typeof dropCounter>): SourceExample[] {
  const out: SourceExample[] = [];
  for (const line of tsv.split('\n')) {
    if (line.trim() === '') continue;
    const [text, ids] = line.split('\t');
    const names = (ids ?? '').split(',').map((i) => labelNames[Number(i)] ?? `?${i}`);
    const label = resolveEmotion(names, EMOTION_LABEL_MAP.goemotions);
    if (!text?.trim() || label === undefined) drops.add('malformed row');
    else if (label === null) drops.add('ambiguous emotions');
    else out.push({ text: text.trim(), label, language: 'en' });
  }
  return out;
}

/**
 * GoEmotions (en, Apache-2.0, Google): official train and test (dev unused).
 *
 * @example
 * const { train, test, dropped } = loadGoEmotions(sharedDataDir());
 */
export function loadGoEmotions(dataDir: string): SourceSplits {
  const drops = dropCounter();
  const names = readDataFile(dataDir, 'emotion/goemotions/labels.txt').split('\n').map((s) => s.trim()).filter(Boolean);
  const train = parseGoEmotions(readDataFile(dataDir, 'emotion/goemotions/train.tsv'), names, drops);
  const test = parseGoEmotions(readDataFile(dataDir, 'emotion/goemotions/test.tsv'), names, drops);
  return { train, test, dropped: drops.counts };
}
