import { describe, expect, it } from 'vitest';
import { ingestRecordSchema } from '@meridian/regions/ingest/ingest-record.ts';
import { detectSpecialCategories } from '@meridian/core/special-categories/detect-special-categories.ts';
import { REGIONS } from '@meridian/core/policy/region-profile.ts';
import { CANARY_CUSTOMERS, CANARY_TOKEN, canaryRecords, canaryValues } from './canary-customers.ts';
import { demoCustomer } from './demo-customer.ts';

describe('canary customers', () => {
  it('cover every region and carry the canary token in every value', () => {
    expect(new Set(CANARY_CUSTOMERS.map((c) => c.region))).toEqual(new Set(REGIONS));
    for (const c of CANARY_CUSTOMERS) {
      for (const v of canaryValues(c).filter((v) => v !== c.phone && v !== c.name)) expect(v.toLowerCase()).toContain(CANARY_TOKEN);
      expect(c.email).toMatch(/@example\.org$/);
    }
  });

  it('have values no ordinary demo customer shares', () => {
    const values = new Set(CANARY_CUSTOMERS.flatMap(canaryValues));
    for (const region of REGIONS) {
      for (let i = 0; i < 5000; i++) {
        const d = demoCustomer('meridian-demo', region, i);
        for (const v of [d.externalId, d.email, d.phone, d.name, ...d.orders]) if (v) expect(values.has(v), v).toBe(false);
      }
    }
  });

  it('hold exactly the special categories they declare', () => {
    for (const c of CANARY_CUSTOMERS) {
      for (const m of c.messages) expect(detectSpecialCategories(m.text, { language: c.language }).categories, m.text).toEqual(m.categories);
    }
    expect(CANARY_CUSTOMERS.filter((c) => c.region === 'me').every((c) => c.messages.some((m) => m.categories.includes('user.demographic.religious_belief')))).toBe(true);
  });

  it('become records the ingestion API accepts, before `now`, with unique ids', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const records = canaryRecords(now);
    expect(records).toHaveLength(CANARY_CUSTOMERS.reduce((n, c) => n + c.messages.length, 0));
    expect(new Set(records.map((r) => r.sourceMessageId)).size).toBe(records.length);
    for (const r of records) {
      expect(ingestRecordSchema.safeParse(r).success, JSON.stringify(r)).toBe(true);
      expect(Date.parse(r.sentAt)).toBeLessThan(now.getTime());
    }
  });
});
