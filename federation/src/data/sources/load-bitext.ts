import { parseBitext } from './bitext.ts';
import type { BitextExample } from './bitext.ts';
import { readDataFile } from './read-data-file.ts';

/**
 * Reads the Bitext sample from the shared data directory (see `parseBitext`).
 *
 * @example
 * const oos = loadBitext(sharedDataDir()).test.map((x) => x.text);
 */
export function loadBitext(dataDir: string): { train: BitextExample[]; test: BitextExample[]; dropped: Record<string, number> } {
  return parseBitext(readDataFile(dataDir, 'intent/bitext/Bitext_Sample_Customer_Support_Training_Dataset.csv'));
}
