import { beforeAll, describe, expect, it } from 'vitest';
import { ingestRecordSchema } from '@meridian/regions/ingest/ingest-record.ts';
import type { Region } from '@meridian/core/policy/region-profile.ts';
import { DEMO_COUNTRIES } from './demo-countries.ts';
import { generateDemoMessages } from './generate-demo-messages.ts';
import { generateDemoRecords } from './generate-demo-records.ts';
import { loadMessagePools, type MessagePools } from './load-message-pools.ts';
import { banking77RegionOf } from './banking77-region-split.ts';

const NOW = new Date('2026-06-01T00:00:00Z');
const LANGUAGES: Record<Region, string[]> = { eu: ['en', 'de', 'fr', 'es', 'it', 'pt'], sea: ['en', 'th', 'id'], me: ['ar'] };
let pools: MessagePools;

beforeAll(() => {
  pools = loadMessagePools();
});

describe('loadMessagePools', () => {
  it('fills each region from its suggested data sets only', () => {
    const datasets = (r: Region) => new Set(Object.values(pools[r]).flat().map((m) => m.dataset));
    expect(datasets('eu')).toEqual(new Set(['banking77', 'bitext', 'umsab']));
    expect(datasets('sea')).toEqual(new Set(['banking77', 'wisesight', 'smsa']));
    expect(datasets('me')).toEqual(new Set(['arbanking77', 'umsab']));
    for (const r of ['eu', 'sea', 'me'] as const) expect(Object.keys(pools[r]).sort()).toEqual([...LANGUAGES[r]].sort());
  });

  it('splits Banking77 into two label-skewed halves, every row once', () => {
    const eu = pools.eu.en!.filter((m) => m.dataset === 'banking77');
    const sea = pools.sea.en!.filter((m) => m.dataset === 'banking77');
    expect(eu.length + sea.length).toBe(10_003);
    expect(Math.abs(eu.length - sea.length)).toBeLessThan(500);
    const share = (label: string) => eu.filter((m) => m.label === label).length / (eu.filter((m) => m.label === label).length + sea.filter((m) => m.label === label).length);
    expect(share('card_arrival')).toBeGreaterThan(0.6); // label 0: mostly eu
    expect(share('card_linking')).toBeLessThan(0.4); // label 1: mostly sea
    expect(banking77RegionOf(0, 'same text')).toBe(banking77RegionOf(0, 'same text'));
  });

  it('maps ArBanking77 labels into the Banking77 label space', () => {
    const labels = new Set(pools.me.ar!.filter((m) => m.dataset === 'arbanking77').map((m) => m.label));
    expect(labels.size).toBe(77);
    expect(labels).toContain('card_arrival');
  });

  it('uses only the training side of every data set', () => {
    const files = new Set(Object.values(pools).flatMap((p) => Object.values(p).flat().map((m) => m.file)));
    for (const f of files) expect(f).not.toMatch(/test|valid|val_/);
  });
});

describe('generateDemoMessages', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = [...generateDemoMessages(pools, { now: NOW, limit: 400 })].map((m) => m.record);
    const b = [...generateDemoMessages(pools, { now: NOW, limit: 400 })].map((m) => m.record);
    const c = [...generateDemoMessages(pools, { now: NOW, limit: 400, seed: 'other' })].map((m) => m.record);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(c.map((r) => r.sourceMessageId)).not.toEqual(a.map((r) => r.sourceMessageId));
    expect(c.map((r) => r.text)).not.toEqual(a.map((r) => r.text));
  });

  it('keeps a record the same whatever the limit or regions chosen', () => {
    const all = new Map([...generateDemoMessages(pools, { now: NOW, customersPerRegion: 5 })].map((m) => [m.record.sourceMessageId, m.record]));
    for (const m of generateDemoMessages(pools, { now: NOW, customersPerRegion: 5, regions: ['me'] })) {
      expect(m.record).toEqual(all.get(m.record.sourceMessageId));
    }
  });

  it('produces records the ingestion API accepts, in the right region, country and language', () => {
    const seenIds = new Set<string>();
    const languages: Record<string, Set<string>> = { eu: new Set(), sea: new Set(), me: new Set() };
    let count = 0;
    for (const { record, source } of generateDemoMessages(pools, { now: NOW, customersPerRegion: 150 })) {
      count++;
      const parsed = ingestRecordSchema.safeParse(record);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(seenIds.has(record.sourceMessageId)).toBe(false);
      seenIds.add(record.sourceMessageId);
      const region = record.subject.homeRegion;
      expect(DEMO_COUNTRIES.find((c) => c.code === record.subject.country)?.region).toBe(region);
      expect(LANGUAGES[region]).toContain(record.language);
      expect(record.language).toBe(source.language);
      expect(pools[region][source.language]).toContain(source);
      // The text is the source's, except a Bitext order number swapped for the customer's own.
      if (source.orderSpan) expect(record.text).toContain(record.orderRef);
      else expect(record.text).toBe(source.text);
      languages[region]!.add(record.language!);
      const t = Date.parse(record.sentAt);
      expect(t).toBeLessThanOrEqual(NOW.getTime());
      expect(t).toBeGreaterThanOrEqual(NOW.getTime() - 90 * 86_400_000);
    }
    expect(count).toBeGreaterThan(450 * 2);
    for (const r of ['eu', 'sea', 'me'] as const) expect([...languages[r]!].sort()).toEqual([...LANGUAGES[r]].sort());
  });

  it('sends each customer’s consents with the first message and keeps messages in time order', () => {
    const byCustomer = new Map<string, { consents: unknown; sentAt: string }[]>();
    for (const { record } of generateDemoMessages(pools, { now: NOW, customersPerRegion: 100 })) {
      const list = byCustomer.get(record.subject.externalId) ?? [];
      list.push({ consents: record.consents, sentAt: record.sentAt });
      byCustomer.set(record.subject.externalId, list);
    }
    let withdrawals = 0;
    for (const list of byCustomer.values()) {
      expect(list[0]!.consents).toHaveLength(3);
      for (let i = 1; i < list.length; i++) {
        expect(list[i]!.sentAt >= list[i - 1]!.sentAt).toBe(true);
        if (list[i]!.consents) {
          expect(list[i]!.consents).toEqual([{ purpose: 'model_training', granted: false }]);
          withdrawals++;
        }
      }
    }
    expect(byCustomer.size).toBe(300);
    expect(withdrawals).toBeGreaterThan(0);
  });

  it('stops at the limit exactly', () => {
    expect([...generateDemoRecords({ now: NOW, limit: 7, pools })]).toHaveLength(7);
  });
});
