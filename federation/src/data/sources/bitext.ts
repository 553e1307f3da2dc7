import { dropCounter } from '../drop-counter.ts';
import { hashFraction } from '../hash-split.ts';
import { parseCsv } from '../parse-csv.ts';

/** A Bitext e-commerce support request with its own intent and category. */
export interface BitextExample {
  text: string;
  /** One of 27 e-commerce intents, e.g. `track_order`, `contact_human_agent`. */
  intent: string;
  category: string;
}

/**
 * Bitext customer-support sample (en, CDLA-Sharing-1.0): 27 e-commerce intents
 * outside the Banking77 label space. The region split does not train on it; it
 * serves demo conversations and as out-of-scope probes for the banking intent
 * model (routing sends such messages to a person). Deterministic 85/15 split by
 * text hash. Pure: pass the CSV text.
 *
 * @example
 * const { train, test } = parseBitext(readDataFile(dir, 'intent/bitext/Bitext_Sample_Customer_Support_Training_Dataset.csv'));
 */
export function parseBitext(csv: string): { train: BitextExample[]; test: BitextExample[]; dropped: Record<string, number> } {
  const drops = dropCounter();
  const rows = parseCsv(csv);
  const header = rows[0] ?? [];
  const ti = header.indexOf('instruction');
  const ii = header.indexOf('intent');
  const ci = header.indexOf('category');
  const train: BitextExample[] = [];
  const test: BitextExample[] = [];
  for (const row of rows.slice(1)) {
    const text = row[ti]?.trim();
    const intent = row[ii]?.trim();
    if (!text || !intent) {
      drops.add('malformed row');
      continue;
    }
    (hashFraction('bitext', text) < 0.15 ? test : train).push({ text, intent, category: row[ci]?.trim() ?? '' });
  }
  return { train, test, dropped: drops.counts };
}
