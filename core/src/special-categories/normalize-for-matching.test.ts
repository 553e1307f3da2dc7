import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeForMatching } from './normalize-for-matching.ts';

describe('normalizeForMatching', () => {
  it.each([
    ['fold', 'Religião  É', 'religiao e'],
    ['fold', 'Straße ÆØ', 'strasse aeo'],
    ['fold', 'Ich\u00a0bin\n\n krank', 'ich bin\nkrank'],
    ['fold', 'hos\u200bpital', 'hospital'],
    ['fold', 'it’s — ok', "it's - ok"],
    ['exact', 'Đạo Phật', 'đạo phật'],
    ['exact', 'ที่วัด', 'ที่วัด'],
    ['arabic', 'أَنا في المُسْتَشْفَى', 'انا في المستشفي'],
    ['arabic', 'إسلامية آمنة', 'اسلاميه امنه'],
    ['arabic', 'مسـتشفـى', 'مستشفي'],
    ['arabic', 'صائم مؤمن', 'صايم مومن'],
  ] as const)('%s folds %j to %j', (mode, input, expected) => {
    expect(normalizeForMatching(input, mode).text).toBe(expected);
  });

  it('maps each output unit back to where it came from', () => {
    const n = normalizeForMatching('Ärztin  ß', 'fold');
    expect(n.text).toBe('arztin ss');
    expect([n.starts[0], n.ends[0]]).toEqual([0, 1]);
    expect([n.starts[6], n.ends[6]]).toEqual([6, 8]);
    expect([n.starts[7], n.ends[7], n.starts[8], n.ends[8]]).toEqual([8, 9, 8, 9]);
  });

  it('keeps offsets in bounds and in order for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('fold', 'exact', 'arabic' as const), (s, mode) => {
        const n = normalizeForMatching(s, mode);
        expect(n.starts.length).toBe(n.text.length);
        let prev = 0;
        for (let i = 0; i < n.text.length; i++) {
          expect(n.starts[i]!).toBeGreaterThanOrEqual(prev);
          expect(n.ends[i]!).toBeGreaterThan(n.starts[i]!);
          expect(n.ends[i]!).toBeLessThanOrEqual(s.length);
          prev = n.starts[i]!;
        }
      }),
      { numRuns: 500 },
    );
  });
});
