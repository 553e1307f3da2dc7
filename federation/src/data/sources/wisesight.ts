import { dropCounter } from '../drop-counter.ts';
import { hashFraction } from '../hash-split.ts';
import type { SourceExample, SourceSplits } from '../source-example.ts';
import { readDataFile } from './read-data-file.ts';

/**
 * Wisesight files and the sentiment class of each. `q` (questions) maps to
 * neutral: a question carries no polarity, and customer questions are exactly
 * the neutral traffic routing sees most.
 */
export const WISESIGHT_FILES: Readonly<Record<string, number>> = Object.freeze({ neg: 0, neu: 1, q: 1, pos: 2 });

/** Share of Wisesight held out for testing (there is no official split). */
export const WISESIGHT_TEST_FRACTION = 0.15;

/**
 * Parses Wisesight's one-message-per-line files into a deterministic split:
 * a message is in the test split when `hashFraction('wisesight', text)` <
 * 0.15, so duplicates never straddle the split. Exact duplicates within a
 * class are dropped (counted); empty lines are skipped. Pure.
 *
 * @example
 * parseWisesight({ pos: 'ดีมาก\n', neg: '', neu: '', q: '' }, drops).train.length + ...; // 1
 */
export function parseWisesight(files: Readonly<Record<string, string>>, drops: ReturnType<typeof dropCounter>): { train: SourceExample[]; test: SourceExample[] } {
  const train: SourceExample[] = [];
  const test: SourceExample[] = [];
  const seen = new Set<string>();
  for (const [name, label] of Object.entries(WISESIGHT_FILES)) {
    for (const line of (files[name] ?? '').split('\n')) {
      const text = line.trim();
      if (text === '') continue;
      const key = `${label}\u0000${text}`;
      if (seen.has(key)) {
        drops.add('duplicate');
        continue;
      }
      seen.add(key);
      (hashFraction('wisesight', text) < WISESIGHT_TEST_FRACTION ? test : train).push({ text, label, language: 'th' });
    }
  }
  return { train, test };
}

/**
 * Wisesight sentiment (th, CC0, PyThaiNLP).
 *
 * @example
 * const { train, test, dropped } = loadWisesight(sharedDataDir());
 */
export function loadWisesight(dataDir: string): SourceSplits {
  const drops = dropCounter();
  const files = Object.fromEntries(Object.keys(WISESIGHT_FILES).map((n) => [n, readDataFile(dataDir, 'sentiment/wisesight', `${n}.txt`)]));
  return { ...parseWisesight(files, drops), dropped: drops.counts };
}
