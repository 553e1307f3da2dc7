import { describe, expect, it } from 'vitest';
import { sharedDataDir } from '@meridian/core/config/shared-data-dir.ts';
import { dropCounter } from '../src/data/drop-counter.ts';
import { EMOTION_LABEL_MAP, resolveEmotion } from '../src/data/emotion-label-map.ts';
import { EMOTION_LABELS } from '../src/data/emotion-labels.ts';
import { INTENT_LABELS } from '../src/data/intent-labels.ts';
import { loadRegionData } from '../src/data/load-region-data.ts';
import { loadArBanking77 } from '../src/data/sources/arbanking77.ts';
import { loadBanking77 } from '../src/data/sources/banking77.ts';
import { loadBitext } from '../src/data/sources/load-bitext.ts';
import { cleanUmsabText } from '../src/data/sources/umsab.ts';
import { loadWisesight } from '../src/data/sources/wisesight.ts';
import { loadXed, parseXed } from '../src/data/sources/xed.ts';
import { DATASET_SOURCES } from '../src/data/dataset-sources.ts';
import { REGION_SPLIT } from '../src/data/region-split.ts';

const dir = sharedDataDir();

describe('dataset sources', () => {
  it('read Banking77 and ArBanking77 into the same 77-intent space', () => {
    const en = loadBanking77(dir);
    expect([en.train.length, en.test.length]).toEqual([10003, 3080]);
    const ar = loadArBanking77(dir);
    expect([ar.train.length, ar.test.length]).toEqual([21559, 3574]);
    expect(new Set(ar.train.map((x) => x.label)).size).toBe(77);
    // The Arabic "card arrival" rows land on Banking77's card_arrival.
    expect(INTENT_LABELS[ar.train[0]?.label ?? -1]).toBe('card_arrival');
    expect(ar.dropped).toEqual({});
  });

  it('load every source in the explicit map, each with train and test rows', () => {
    for (const [name, load] of Object.entries(DATASET_SOURCES)) {
      const s = load(dir);
      expect(s.train.length, name).toBeGreaterThan(50);
      expect(s.test.length, name).toBeGreaterThan(10);
    }
    for (const split of Object.values(REGION_SPLIT)) for (const names of Object.values(split)) for (const n of names) expect(DATASET_SOURCES[n]).toBeDefined();
  });

  it('split Wisesight deterministically with no text on both sides', () => {
    const a = loadWisesight(dir);
    const b = loadWisesight(dir);
    expect(a.test.map((x) => x.text)).toEqual(b.test.map((x) => x.text));
    const train = new Set(a.train.map((x) => x.text));
    expect(a.test.some((x) => train.has(x.text))).toBe(false);
    expect(a.test.length / (a.train.length + a.test.length)).toBeCloseTo(0.15, 1);
  });

  it('clean XED projections and count each kind of drop', () => {
    const de = loadXed(dir, 'de');
    expect(de.dropped['alignment metadata row']).toBeGreaterThan(400);
    expect(de.dropped['broken quoting']).toBeGreaterThan(0);
    for (const x of [...de.train, ...de.test]) expect(x.text).not.toMatch(/xml\.gz/);
  });

  it('reads Bitext as out-of-scope probes with its own intents', () => {
    const b = loadBitext(dir);
    expect(b.train.length + b.test.length).toBe(4514);
    expect(new Set(b.train.map((x) => x.intent)).size).toBe(27);
  });
});

describe('cleaning rules', () => {
  it('parseXed drops each malformation and keeps good rows', () => {
    const drops = dropCounter();
    const tsv = [
      'Get out!\t1',
      'en/1990/1.xml.gz\tde/1990/2.xml.gz\t1\t2\tHi\tHallo',
      '"Unclosed quote',
      'Bad labels\tfoo',
      'Angry and scared\t1, 4',
      'Get out!\t1',
      '"Quoted ""line"""\t5, 2',
    ].join('\n');
    const { train, test } = parseXed(tsv, 'en', drops);
    const all = [...train, ...test];
    expect(all.map((x) => [x.text, EMOTION_LABELS[x.label]])).toEqual(
      expect.arrayContaining([
        ['Get out!', 'anger'],
        ['Quoted "line"', 'joy'],
      ]),
    );
    expect(all.length).toBe(2);
    expect(drops.counts).toEqual({ 'alignment metadata row': 1, 'broken quoting': 1, 'bad labels': 1, 'ambiguous emotions': 1, duplicate: 1 });
  });
  it('resolveEmotion lets "other" yield and drops two specific emotions', () => {
    expect(resolveEmotion(['1', '7'], EMOTION_LABEL_MAP.xed)).toBe(EMOTION_LABELS.indexOf('anger'));
    expect(resolveEmotion(['2', '7'], EMOTION_LABEL_MAP.xed)).toBe(EMOTION_LABELS.indexOf('neutral'));
    expect(resolveEmotion(['1', '4'], EMOTION_LABEL_MAP.xed)).toBeNull();
    expect(resolveEmotion(['nervousness', 'fear'], EMOTION_LABEL_MAP.goemotions)).toBe(EMOTION_LABELS.indexOf('fear'));
    expect(resolveEmotion(['love'], EMOTION_LABEL_MAP.emot)).toBe(EMOTION_LABELS.indexOf('joy'));
  });
  it('cleanUmsabText undoes \\u escapes and CSV quoting', () => {
    expect(cleanUmsabText('"a\\u002c ""b"" c\\u2019s"')).toBe('a, "b" c’s');
  });
});

describe('loadRegionData', () => {
  const intent = loadRegionData('intent');

  it('splits intent per the suggested split, with label-skewed Banking77 halves', () => {
    expect(intent.regions.me.train.every((x) => x.language === 'ar')).toBe(true);
    expect(intent.regions.eu.train.length + intent.regions.sea.train.length).toBe(10003);
    const even = (xs: readonly { label: number }[]) => xs.filter((x) => x.label % 2 === 0).length / xs.length;
    expect(even(intent.regions.eu.train)).toBeGreaterThan(0.7);
    expect(even(intent.regions.sea.train)).toBeLessThan(0.3);
    // Both halves still see every intent.
    expect(new Set(intent.regions.sea.train.map((x) => x.label)).size).toBe(77);
  });

  it('assigns several messages per synthetic subject, deterministically, train and test subjects disjoint', () => {
    const again = loadRegionData('intent');
    expect(again.regions.eu.train.map((x) => x.subjectId)).toEqual(intent.regions.eu.train.map((x) => x.subjectId));
    const perSubject = new Map<string, number>();
    for (const x of intent.regions.eu.train) perSubject.set(x.subjectId, (perSubject.get(x.subjectId) ?? 0) + 1);
    const mean = intent.regions.eu.train.length / perSubject.size;
    expect(mean).toBeGreaterThan(3);
    expect(Math.max(...perSubject.values())).toBeLessThanOrEqual(8);
    const testSubjects = new Set(intent.regions.eu.test.map((x) => x.subjectId));
    expect([...perSubject.keys()].some((s) => testSubjects.has(s))).toBe(false);
    expect(intent.regions.eu.train[0]?.subjectId).toMatch(/^eu-intent-train-\d+$/);
  });

  it('caps sources deterministically for fast runs', () => {
    const s = loadRegionData('sentiment', { maxTrainPerSource: 100, maxTestPerSource: 20 });
    expect(s.regions.eu.train.length).toBe(600);
    expect(s.regions.sea.test.length).toBe(40);
    expect(loadRegionData('sentiment', { maxTrainPerSource: 100 }).regions.me.train.map((x) => x.text)).toEqual(s.regions.me.train.map((x) => x.text));
    const e = loadRegionData('emotion', { maxTrainPerSource: 100 });
    expect(new Set(e.regions.eu.train.map((x) => x.label)).size).toBe(5);
  });
});
