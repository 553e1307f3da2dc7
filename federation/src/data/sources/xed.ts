import { dropCounter } from '../drop-counter.ts';
import { EMOTION_LABEL_MAP, resolveEmotion } from '../emotion-label-map.ts';
import { hashFraction } from '../hash-split.ts';
import type { SourceExample, SourceSplits } from '../source-example.ts';
import { readDataFile } from './read-data-file.ts';

/** Share of each XED file held out for testing (XED has no official split). */
export const XED_TEST_FRACTION = 0.15;

const LABELS_RE = /^\d(\s*,\s*\d)*$/;

/**
 * Parses and cleans an XED file (`text\tlabels`, labels Plutchik 1–8, 0
 * neutral). The projections are noisy; each dropped row is counted by reason:
 * - `alignment metadata row`: OPUS alignment lines (`en/1990/…xml.gz\t…`) that
 *   leaked into the file, some carrying a label at the end;
 * - `broken quoting`: a quote opened on one line and never closed, so the row
 *   has no label column;
 * - `bad labels`: a label column that is not a list of digits 0–8;
 * - `ambiguous emotions`: two different specific emotions after mapping;
 * - `duplicate`: the same text again in the same file.
 * Wrapping quotes are stripped. Lines that lost their spaces (Arabic, some
 * Thai) are kept: character n-grams still read them; they are counted under
 * `kept: lost spaces` (a token over 25 characters outside Thai).
 * The split is deterministic by text hash (15% test). Pure.
 *
 * @example
 * parseXed('Get out!\t1\n', 'en', drops).train; // [{ text: 'Get out!', label: 0 (anger), language: 'en' }]
 */
export function parseXed(tsv: string, language: string, drops: ReturnType<typeof dropCounter>): { train: SourceExample[]; test: SourceExample[] } {
  const train: SourceExample[] = [];
  const test: SourceExample[] = [];
  const seen = new Set<string>();
  for (const line of tsv.split('\n')) {
    if (line.trim() === '') continue;
    const cols = line.split('\t');
    if (/\.xml\.gz$/.test(cols[0] ?? '')) {
      drops.add('alignment metadata row');
      continue;
    }
    if (cols.length < 2) {
      drops.add('broken quoting');
      continue;
    }
    if (cols.length > 2) {
      drops.add('alignment metadata row');
      continue;
    }
    const labels = (cols[1] ?? '').trim();
    if (!LABELS_RE.test(labels)) {
      drops.add('bad labels');
      continue;
    }
    let text = (cols[0] ?? '').trim();
    if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) text = text.slice(1, -1).replace(/""/g, '"').trim();
    if (text === '') {
      drops.add('empty text');
      continue;
    }
    const label = resolveEmotion(labels.split(','), EMOTION_LABEL_MAP.xed);
    if (label === undefined) {
      drops.add('bad labels');
      continue;
    }
    if (label === null) {
      drops.add('ambiguous emotions');
      continue;
    }
    if (seen.has(text)) {
      drops.add('duplicate');
      continue;
    }
    seen.add(text);
    if (language !== 'th' && text.split(/\s+/).some((w) => [...w].length > 25)) drops.add('kept: lost spaces');
    (hashFraction(`xed-${language}`, text) < XED_TEST_FRACTION ? test : train).push({ text, label, language });
  }
  return { train, test };
}

/**
 * XED (CC BY 4.0, Helsinki-NLP) for one language: `en` reads
 * `en-annotated.tsv`, others `projections/<lang>-projections.tsv`.
 *
 * @example
 * const de = loadXed(sharedDataDir(), 'de');
 * de.dropped['alignment metadata row']; // rows removed by cleaning
 */
export function loadXed(dataDir: string, language: string): SourceSplits {
  const drops = dropCounter();
  const file = language === 'en' ? 'emotion/xed/en-annotated.tsv' : `emotion/xed/projections/${language}-projections.tsv`;
  return { ...parseXed(readDataFile(dataDir, file), language, drops), dropped: drops.counts };
}
