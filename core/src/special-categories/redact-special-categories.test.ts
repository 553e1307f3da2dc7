import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import vectors from './test-vectors/known-answers.json' with { type: 'json' };
import { detectSpecialCategories } from './detect-special-categories.ts';
import { redactSpecialCategories } from './redact-special-categories.ts';
import { LEXICONS } from './lexicons.ts';
import { MeridianError } from '../errors/meridian-error.ts';

const opts = (language: string | null) => (language === null ? {} : { language });

describe('redactSpecialCategories', () => {
  it('replaces only the sentence that holds a match', () => {
    const text = 'My card is blocked. I am in hospital after surgery! Please call me.';
    const d = detectSpecialCategories(text, { language: 'en' });
    expect(redactSpecialCategories(text, d, 'sentence')).toBe('My card is blocked. [redacted: user.health] Please call me.');
  });

  it('replaces the whole message in message mode, naming every category once', () => {
    const text = 'I am Muslim.\nI was in hospital. And my doctor said so.';
    const d = detectSpecialCategories(text, { language: 'en' });
    expect(redactSpecialCategories(text, d, 'message')).toBe('[redacted: user.demographic.religious_belief, user.health]');
  });

  it('merges neighbouring redacted sentences into one marker', () => {
    const text = 'Hi. I pray daily. My mosque is near. Where is my card?';
    const d = detectSpecialCategories(text, { language: 'en' });
    expect(redactSpecialCategories(text, d, 'sentence')).toBe('Hi. [redacted: user.demographic.religious_belief] Where is my card?');
  });

  it('splits Arabic on ؟ but not on the comma ،', () => {
    const text = 'أين بطاقتي؟ أنا في المستشفى، ولا أستطيع الحضور. شكرا';
    const d = detectSpecialCategories(text, { language: 'ar' });
    expect(redactSpecialCategories(text, d, 'sentence')).toBe('أين بطاقتي؟ [redacted: user.health] شكرا');
  });

  it('treats spaces in Thai as sentence breaks', () => {
    const text = 'บัตรหายครับ ผมอยู่โรงพยาบาล ช่วยส่งบัตรใหม่';
    const d = detectSpecialCategories(text, { language: 'th' });
    expect(redactSpecialCategories(text, d, 'sentence')).toBe('บัตรหายครับ [redacted: user.health] ช่วยส่งบัตรใหม่');
  });

  it('keeps text without a match unchanged in both modes', () => {
    const text = 'Where is my card?';
    const d = detectSpecialCategories(text);
    expect(redactSpecialCategories(text, d, 'sentence')).toBe(text);
    expect(redactSpecialCategories(text, d, 'message')).toBe(text);
  });

  it('refuses a detection that does not belong to the text', () => {
    const d = detectSpecialCategories('I was in hospital for a week and more', { language: 'en' });
    const err = (() => {
      try {
        redactSpecialCategories('short', d, 'sentence');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(MeridianError);
    expect((err as MeridianError).code).toBe('BAD_INPUT');
  });

  it.each(vectors.positive.map((v) => [v.text, v] as const))('leaves no matched term behind in %j', (text, v) => {
    for (const mode of ['sentence', 'message'] as const) {
      const d = detectSpecialCategories(text, opts(v.language));
      const out = redactSpecialCategories(text, d, mode);
      for (const found of v.found) expect(out).not.toContain(found);
      expect(detectSpecialCategories(out, opts(v.language)).spans).toEqual([]);
      // Idempotent: redacting the output again changes nothing.
      expect(redactSpecialCategories(out, detectSpecialCategories(out, opts(v.language)), mode)).toBe(out);
    }
  });

  it('leaves no match behind for generated messages in every language', () => {
    const languages = Object.keys(LEXICONS) as (keyof typeof LEXICONS)[];
    const fillers = ['Where is my card', 'refund please', 'ok', 'order 123.45 is late', 'e.g. tomorrow', 'สวัสดีครับ', 'شكرا لكم', 'terima kasih', 'danke'];
    const separators = [' ', '. ', '! ', '? ', '\n', ', ', '؟ ', '، ', '۔', ''];
    const arbitrary = fc.constantFrom(...languages).chain((language) => {
      const terms = Object.values(LEXICONS[language].terms).flat().map((t) => t.replaceAll('*', ''));
      const piece = fc.oneof(fc.constantFrom(...terms), fc.constantFrom(...fillers), fc.string({ maxLength: 6 }));
      return fc.record({
        language: fc.constant(language),
        parts: fc.array(fc.tuple(piece, fc.constantFrom(...separators)), { minLength: 1, maxLength: 8 }),
      });
    });
    fc.assert(
      fc.property(arbitrary, ({ language, parts }) => {
        const text = parts.map(([p, s]) => p + s).join('');
        const d = detectSpecialCategories(text, { language });
        const out = redactSpecialCategories(text, d, 'sentence');
        expect(detectSpecialCategories(out, { language }).spans).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });
});
