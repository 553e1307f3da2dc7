import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataDir } from '../config/shared-data-dir.ts';
import { detectSpecialCategories } from './detect-special-categories.ts';

// None of Banking77's 77 intents, ArBanking77's Arabic versions of them, or
// Bitext's 27 e-commerce intents is about a special category, and reading
// all three sets found no message that discloses one. So every hit here is
// a false positive. Measured when the lexicons were written: 0 of 3,080
// (Banking77 test), 0 of 3,574 (ArBanking77 test), 0 of 4,514 (Bitext), with
// and without a language tag. The bound leaves room for two or three
// borderline terms added later, not for a systematic leak: at 0.1 % an
// EU node redacts about one ordinary message in a thousand.
const BOUND = 0.001;

// A minimal RFC 4180 reader (quoted fields hold commas and newlines in these
// files). The demo loader has the full parser, but core may not import infra.
function column(path: string, name: string): string[] {
  const input = readFileSync(join(sharedDataDir(), path), 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') field += input[++i];
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(field), (field = ''));
    else if (ch === '\n') (row.push(field), rows.push(row), (row = []), (field = ''));
    else if (ch !== '\r') field += ch;
  }
  if (field || row.length) (row.push(field), rows.push(row));
  const [header, ...data] = rows;
  const k = header!.indexOf(name);
  return data.map((r) => r[k]!);
}

function rate(texts: readonly string[], language?: string): { hits: string[]; rate: number } {
  const hits = texts.filter((t) => detectSpecialCategories(t, language ? { language } : {}).spans.length > 0);
  return { hits, rate: hits.length / texts.length };
}

describe('false positives on ordinary customer-service messages', () => {
  const sets = [
    ['Banking77 test', 'en', () => column('intent/banking77/test.csv', 'text'), 3080],
    ['ArBanking77 MSA test', 'ar', () => column('intent/arbanking77/Banking77_Arabized_MSA_test.csv', 'text'), 3574],
    ['Bitext', 'en', () => column('intent/bitext/Bitext_Sample_Customer_Support_Training_Dataset.csv', 'instruction'), 4514],
  ] as const;

  it.each(sets)(`%s stays under ${BOUND * 100}% with and without a language tag`, (_name, language, load, size) => {
    const texts = load();
    expect(texts.length).toBe(size);
    for (const lang of [language, undefined]) {
      const r = rate(texts, lang);
      expect(r.rate, `${lang ?? 'untagged'}: ${r.hits.slice(0, 5).join(' | ')}`).toBeLessThanOrEqual(BOUND);
    }
  });
});
