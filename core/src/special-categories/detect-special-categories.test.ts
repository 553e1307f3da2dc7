import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import vectors from './test-vectors/known-answers.json' with { type: 'json' };
import { detectSpecialCategories } from './detect-special-categories.ts';
import { LEXICONS } from './lexicons.ts';
import { SPECIAL_CATEGORIES } from './special-category.ts';

const opts = (language: string | null) => (language === null ? {} : { language });

describe('detectSpecialCategories', () => {
  it.each(vectors.positive.map((v) => [v.language ?? '-', v.text, v] as const))('[%s] finds the known answer in %j', (_l, text, v) => {
    const d = detectSpecialCategories(text, opts(v.language));
    expect(new Set(d.categories)).toEqual(new Set(v.categories));
    expect(d.spans.map((s) => text.slice(s.start, s.end))).toEqual(v.found);
  });

  it.each(vectors.negative.map((v) => [v.language ?? '-', v.text, v] as const))('[%s] finds nothing in %j', (_l, text, v) => {
    expect(detectSpecialCategories(text, opts(v.language))).toEqual({ categories: [], spans: [] });
  });

  it('has a religion and a health answer for every language it claims', () => {
    for (const language of Object.keys(LEXICONS)) {
      const cats = new Set(vectors.positive.filter((v) => v.language === language).flatMap((v) => v.categories));
      expect(cats, language).toContain('user.demographic.religious_belief');
      expect(cats, language).toContain('user.health');
    }
  });

  it('finds every lexicon term on its own, in its own category', () => {
    const misses: string[] = [];
    for (const [language, lexicon] of Object.entries(LEXICONS)) {
      for (const [category, terms] of Object.entries(lexicon.terms)) {
        for (const term of terms ?? []) {
          const text = term.replaceAll('*', '');
          const d = detectSpecialCategories(text, { language });
          if (!d.categories.includes(category as (typeof SPECIAL_CATEGORIES)[number])) misses.push(`${language}:${term}`);
        }
      }
    }
    expect(misses).toEqual([]);
  });

  it('names categories with fideslang keys, in a stable order', () => {
    const d = detectSpecialCategories('I am Muslim and was in hospital after the election riots, trade union says.', { language: 'en' });
    expect(d.categories).toEqual([
      'user.demographic.political_opinion',
      'user.demographic.religious_belief',
      'user.demographic.union_membership',
      'user.health',
    ]);
    for (const c of d.categories) expect(SPECIAL_CATEGORIES).toContain(c);
  });

  it('takes region subtags and any case in the language tag', () => {
    expect(detectSpecialCategories('Estou grávida.', { language: 'pt-BR' }).categories).toEqual(['user.health']);
    expect(detectSpecialCategories('Ich bin krank.', { language: 'DE' }).categories).toEqual(['user.health']);
  });

  it('falls back to every lexicon of the script for a language it does not know', () => {
    expect(detectSpecialCategories('Ich bin krank.', { language: 'nl' }).categories).toEqual(['user.health']);
  });

  it('ignores its own redaction markers, whose names contain words like "religious"', () => {
    const text = '[redacted: user.demographic.religious_belief, user.health] Where is my card?';
    expect(detectSpecialCategories(text, { language: 'en' }).spans).toEqual([]);
  });

  it('matches across case, accents and Unicode forms', () => {
    expect(detectSpecialCategories('RELIGIÃO', { language: 'pt' }).categories).toEqual(['user.demographic.religious_belief']);
    expect(detectSpecialCategories('religia\u0303o', { language: 'pt' }).categories).toEqual(['user.demographic.religious_belief']);
    expect(detectSpecialCategories('Moschee', { language: 'de' }).spans).toEqual([{ start: 0, end: 7, category: 'user.demographic.religious_belief' }]);
  });

  it('never throws and keeps spans inside the text, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.option(fc.constantFrom(...Object.keys(LEXICONS), 'xx', '')), (text, language) => {
        const d = detectSpecialCategories(text, language === null ? {} : { language });
        for (const s of d.spans) {
          expect(0 <= s.start && s.start < s.end && s.end <= text.length).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('stays linear on long hostile input', () => {
    const text = 'gay hospital mosque '.repeat(1000);
    const t0 = performance.now();
    const d = detectSpecialCategories(text);
    expect(d.spans).toHaveLength(3000);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('returns nothing for empty or whitespace text', () => {
    expect(detectSpecialCategories('')).toEqual({ categories: [], spans: [] });
    expect(detectSpecialCategories(' \n\t ')).toEqual({ categories: [], spans: [] });
  });
});
