import { describe, it, expect } from 'vitest';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRegionProfile } from './load-region-profile.ts';
import { PolicyEngine } from './policy-engine.ts';
import { REGIONS } from './region-profile.ts';

describe('region profiles', () => {
  it.each(REGIONS)('%s loads and validates', (r) => {
    const p = loadRegionProfile(r);
    expect(p.region).toBe(r);
    const countries = p.jurisdictions.flatMap((j) => j.countries);
    expect(new Set(countries).size).toBe(countries.length);
  });

  it('no country belongs to two regions', () => {
    const all = REGIONS.flatMap((r) => loadRegionProfile(r).jurisdictions.flatMap((j) => j.countries));
    expect(new Set(all).size).toBe(all.length);
  });

  it('residency: only own residents from served countries', () => {
    const eu = new PolicyEngine(loadRegionProfile('eu'));
    expect(eu.checkResidency('eu', 'FR').code).toBe('EU-GDPR');
    expect(() => eu.checkResidency('sea', 'SG')).toThrow(expect.objectContaining({ code: 'RESIDENCY_VIOLATION' }));
    expect(() => eu.checkResidency('eu', 'SG')).toThrow(expect.objectContaining({ code: 'RESIDENCY_VIOLATION' }));
    const sea = new PolicyEngine(loadRegionProfile('sea'));
    expect(sea.checkResidency('sea', 'TH').code).toBe('TH-PDPA');
    expect(sea.checkResidency('sea', 'VN').code).toBe('VN-PDPD');
    const me = new PolicyEngine(loadRegionProfile('me'));
    expect(me.checkResidency('me', 'SA').code).toBe('SA-PDPL');
  });

  it('special categories: the strictest handling wins; me never stores religious content', () => {
    const me = new PolicyEngine(loadRegionProfile('me'));
    expect(me.specialCategoryHandling(['user.demographic.religious_belief'])).toBe('redact_message');
    expect(me.specialCategoryHandling(['user.health', 'user.demographic.religious_belief'])).toBe('redact_message');
    expect(me.specialCategoryHandling([])).toBeUndefined();
    const eu = new PolicyEngine(loadRegionProfile('eu'));
    expect(eu.specialCategoryHandling(['user.health'])).toBe('restrict');
    const sea = new PolicyEngine(loadRegionProfile('sea'));
    expect(sea.specialCategoryHandling(['user.health.genetic'])).toBe('restrict');
    expect(sea.specialCategoryHandling(['user.criminal_history'])).toBe('redact_sentence');
  });

  it('statutory deadlines and extensions come from the profile', () => {
    const eu = new PolicyEngine(loadRegionProfile('eu'));
    const t0 = new Date('2026-01-01T00:00:00Z');
    expect(eu.statutoryDeadline('EU-GDPR', t0).toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(eu.statutoryDeadline('EU-GDPR', t0, true).toISOString()).toBe('2026-04-01T00:00:00.000Z');
    const me = new PolicyEngine(loadRegionProfile('me'));
    expect(me.statutoryDeadline('SA-PDPL', t0, true).toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });

  it('an operator profile file is validated and must match its region', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prof-'));
    const f = join(dir, 'p.json');
    writeFileSync(f, JSON.stringify({ ...loadRegionProfile('eu'), region: 'me' }));
    expect(() => loadRegionProfile('eu', f)).toThrow(/not eu/);
    writeFileSync(f, JSON.stringify({ ...loadRegionProfile('eu'), unknownRule: 1 }));
    expect(() => loadRegionProfile('eu', f)).toThrow(/invalid region profile/);
  });
});
