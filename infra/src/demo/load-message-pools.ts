import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDataDir } from '@meridian/core/config/shared-data-dir.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import type { MessageLanguage } from './demo-countries.ts';
import { parseCsv } from './parse-csv.ts';
import { banking77RegionOf } from './banking77-region-split.ts';
import { wisesightSplitOf } from './wisesight-split.ts';

/** One real message from `shared/data`, with where it came from. */
export interface SourceMessage {
  readonly text: string;
  readonly language: MessageLanguage;
  readonly dataset: 'banking77' | 'bitext' | 'umsab' | 'wisesight' | 'smsa' | 'arbanking77';
  /** Path under the data directory. */
  readonly file: string;
  /** 1-based data row (CSV record after the header, or text line). */
  readonly row: number;
  /**
   * The source's gold label: a Banking77 intent (ArBanking77 mapped to the
   * English label space), a Bitext intent, or a sentiment
   * (`negative` / `neutral` / `positive`, Wisesight also `question`).
   */
  readonly label: string;
  readonly labelKind: 'intent' | 'sentiment';
  /** Where an order number sits in the text (Bitext `order_id` entities). */
  readonly orderSpan?: readonly [start: number, end: number];
}

export type MessagePools = Readonly<Record<Region, Readonly<Partial<Record<MessageLanguage, readonly SourceMessage[]>>>>>;

const UMSAB: readonly (readonly [string, MessageLanguage, Region])[] = [
  ['english', 'en', 'eu'],
  ['german', 'de', 'eu'],
  ['french', 'fr', 'eu'],
  ['spanish', 'es', 'eu'],
  ['italian', 'it', 'eu'],
  ['portuguese', 'pt', 'eu'],
  ['arabic', 'ar', 'me'],
];
const SENTIMENT = ['negative', 'neutral', 'positive'] as const;

function read(dir: string, file: string): string {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch (cause) {
    throw new MeridianError('UNAVAILABLE', `demo data file missing: ${file} (set MERIDIAN_DATA_DIR)`, { file }, { cause });
  }
}

function csvRecords(dir: string, file: string, delimiter = ','): { header: string[]; rows: string[][] } {
  const [header, ...rows] = parseCsv(read(dir, file), delimiter);
  if (!header) throw new MeridianError('BAD_INPUT', `empty CSV: ${file}`, { file });
  return { header, rows };
}

function col(header: readonly string[], name: string, file: string): number {
  const k = header.indexOf(name);
  if (k < 0) throw new MeridianError('BAD_INPUT', `column ${name} missing in ${file}`, { file, column: name });
  return k;
}

function textLines(dir: string, file: string): string[] {
  return read(dir, file).split(/\r?\n/);
}

/**
 * Reads the demo messages of each region from `shared/data`, in place (never
 * copied into the repository), following data/README.md's suggested split:
 * - eu: Banking77 (its label-skewed half, {@link banking77RegionOf}),
 *   Bitext, UMSAB en de fr es it pt;
 * - sea: Banking77 (the other half), Wisesight th (train side of
 *   {@link wisesightSplitOf}), SmSA id;
 * - me: ArBanking77 (MSA + Palestinian train), UMSAB ar.
 * Only training splits are used, so evaluation sets stay unseen by models
 * trained on ingested demo data. Blank lines are skipped.
 *
 * @example
 * const pools = loadMessagePools();
 * pools.me.ar?.length; // 23,398 (ArBanking77 train + UMSAB ar train)
 */
export function loadMessagePools(dataDir: string = sharedDataDir(), regions: readonly Region[] = REGIONS): MessagePools {
  const want = new Set(regions);
  const pools: Record<Region, Partial<Record<MessageLanguage, SourceMessage[]>>> = { eu: {}, sea: {}, me: {} };
  const add = (region: Region, m: SourceMessage): void => {
    if (!want.has(region) || m.text.trim() === '') return;
    (pools[region][m.language] ??= []).push(m);
  };

  if (want.has('eu') || want.has('sea')) {
    const labels = JSON.parse(read(dataDir, 'intent/banking77/categories.json')) as string[];
    const file = 'intent/banking77/train.csv';
    const { header, rows } = csvRecords(dataDir, file);
    const [t, c] = [col(header, 'text', file), col(header, 'category', file)];
    rows.forEach((r, i) => {
      const text = r[t] ?? '';
      const label = r[c] ?? '';
      add(banking77RegionOf(labels.indexOf(label), text), { text, language: 'en', dataset: 'banking77', file, row: i + 1, label, labelKind: 'intent' });
    });
  }

  if (want.has('eu')) {
    const file = 'intent/bitext/Bitext_Sample_Customer_Support_Training_Dataset.csv';
    const { header, rows } = csvRecords(dataDir, file);
    const [t, intent, type, value] = ['instruction', 'intent', 'entity_type', 'entity_value'].map((n) => col(header, n, file)) as [number, number, number, number];
    rows.forEach((r, i) => {
      const text = r[t] ?? '';
      // The offsets in the file are wrong for about half the rows; find the value instead.
      const at = r[type] === 'order_id' && r[value] ? text.indexOf(r[value]) : -1;
      add('eu', {
        text,
        language: 'en',
        dataset: 'bitext',
        file,
        row: i + 1,
        label: r[intent] ?? '',
        labelKind: 'intent',
        ...(at >= 0 ? { orderSpan: [at, at + r[value]!.length] as const } : {}),
      });
    });
  }

  for (const [folder, language, region] of UMSAB) {
    if (!want.has(region)) continue;
    const file = `sentiment/umsab/${folder}/train_text.txt`;
    const texts = textLines(dataDir, file);
    const labels = textLines(dataDir, `sentiment/umsab/${folder}/train_labels.txt`);
    texts.forEach((text, i) => {
      const label = SENTIMENT[Number(labels[i])];
      if (label) add(region, { text, language, dataset: 'umsab', file, row: i + 1, label, labelKind: 'sentiment' });
    });
  }

  if (want.has('sea')) {
    for (const [name, label] of [['pos', 'positive'], ['neg', 'negative'], ['neu', 'neutral'], ['q', 'question']] as const) {
      const file = `sentiment/wisesight/${name}.txt`;
      textLines(dataDir, file).forEach((text, i) => {
        if (wisesightSplitOf(text) === 'train') add('sea', { text: text.trim(), language: 'th', dataset: 'wisesight', file, row: i + 1, label, labelKind: 'sentiment' });
      });
    }
    const file = 'sentiment/smsa/train_preprocess.tsv';
    textLines(dataDir, file).forEach((line, i) => {
      const tab = line.lastIndexOf('\t');
      if (tab > 0) add('sea', { text: line.slice(0, tab), language: 'id', dataset: 'smsa', file, row: i + 1, label: line.slice(tab + 1).trim(), labelKind: 'sentiment' });
    });
  }

  if (want.has('me')) {
    const map = csvRecords(dataDir, 'intent/arbanking77/Banking77_intents.csv');
    const toEnglish = new Map(map.rows.map((r) => [r[1] ?? '', (r[0] ?? '').trim().replaceAll(' ', '_')]));
    const file = 'intent/arbanking77/Banking77_Arabized_MSA_PAL_train.csv';
    const { header, rows } = csvRecords(dataDir, file);
    const [l, t] = [col(header, 'label', file), col(header, 'text', file)];
    rows.forEach((r, i) => {
      const label = toEnglish.get(r[l] ?? '');
      if (label) add('me', { text: r[t] ?? '', language: 'ar', dataset: 'arbanking77', file, row: i + 1, label, labelKind: 'intent' });
    });
  }
  return pools;
}
