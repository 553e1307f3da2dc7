import { describe, expect, it } from 'vitest';
import { REGIONS } from '@meridian/core/policy/region-profile.ts';
import { demoCustomer, CONSENT_RATES } from './demo-customer.ts';
import { DEMO_COUNTRIES } from './demo-countries.ts';
import { demoPhoneNumber } from './demo-phone-number.ts';

const N = 3000;

describe('demoCustomer', () => {
  it('is a pure function of seed, region and index', () => {
    expect(demoCustomer('s', 'me', 17)).toEqual(demoCustomer('s', 'me', 17));
    expect(demoCustomer('s', 'me', 17)).not.toEqual(demoCustomer('t', 'me', 17));
  });

  it('gives distinct customers distinct ids, e-mails, phones and orders across regions', () => {
    const seen = { externalId: new Set<string>(), email: new Set<string>(), phone: new Set<string>(), order: new Set<string>() };
    let total = 0;
    for (const region of REGIONS) {
      for (let i = 0; i < N; i++) {
        const c = demoCustomer('meridian-demo', region, i);
        total++;
        seen.externalId.add(c.externalId);
        seen.email.add(c.email);
        if (c.phone) expect(seen.phone.has(c.phone), c.phone).toBe(false), seen.phone.add(c.phone);
        for (const o of c.orders) expect(seen.order.has(o), o).toBe(false), seen.order.add(o);
      }
    }
    expect(seen.externalId.size).toBe(total);
    expect(seen.email.size).toBe(total);
  });

  it('lives in a country of its region and writes in that country’s languages', () => {
    for (const region of REGIONS) {
      const countries = DEMO_COUNTRIES.filter((c) => c.region === region);
      const seenCountries = new Set<string>();
      for (let i = 0; i < 500; i++) {
        const c = demoCustomer('x', region, i);
        const country = countries.find((k) => k.code === c.country);
        expect(country, `${region}:${c.country}`).toBeDefined();
        expect(c.languages).toEqual(country!.languages);
        seenCountries.add(c.country);
      }
      expect([...seenCountries].sort()).toEqual(countries.map((k) => k.code).sort());
    }
  });

  it('uses reserved e-mail domains and plausible, well-formed contact data', () => {
    for (const region of REGIONS) {
      for (let i = 0; i < 300; i++) {
        const c = demoCustomer('y', region, i);
        expect(c.email).toMatch(/^[a-z]+(\.[a-z]+)?[a-z]*\d+@example\.(com|org|net)$/);
        if (c.phone) expect(c.phone).toMatch(/^\+\d{2,3}( \d+)+$/);
        expect(c.name.trim()).toBe(c.name);
        expect(c.name.split(' ').length).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('grants consents at realistic rates: service nearly always, training mostly, analytics less', () => {
    const rate = { service: 0, model_training: 0, analytics: 0 };
    for (let i = 0; i < N; i++) {
      const c = demoCustomer('z', REGIONS[i % 3]!, i);
      for (const k of Object.keys(rate) as (keyof typeof rate)[]) if (c.consents[k]) rate[k] += 1 / N;
    }
    expect(rate.service).toBeCloseTo(CONSENT_RATES.service, 1);
    expect(rate.model_training).toBeGreaterThan(0.6);
    expect(rate.model_training).toBeLessThan(0.8);
    expect(rate.analytics).toBeLessThan(rate.model_training);
  });
});

describe('demoPhoneNumber', () => {
  it('uses the Bundesnetzagentur drama numbers for Germany while they last', () => {
    expect(demoPhoneNumber('DE', 0, 5)).toBe('+49 30 23125 000');
    expect(demoPhoneNumber('DE', 3999, 5)).toBe('+49 221 4710 999');
    expect(demoPhoneNumber('DE', 4000, 5)).toMatch(/^\+49 1\d\d \d{8}$/);
  });

  it('never repeats a number within a country', () => {
    for (const country of ['SG', 'TH', 'AE', 'FR']) {
      const numbers = new Set(Array.from({ length: 20_000 }, (_, i) => demoPhoneNumber(country, i, 12345)));
      expect(numbers.size).toBe(20_000);
    }
  });

  it('refuses a country it has no plan for', () => {
    expect(() => demoPhoneNumber('US', 1, 0)).toThrow(RangeError);
  });
});
