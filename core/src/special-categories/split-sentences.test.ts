import { describe, expect, it } from 'vitest';
import { splitSentences } from './split-sentences.ts';

const sentences = (text: string) => splitSentences(text).map((r) => text.slice(r.start, r.end));

describe('splitSentences', () => {
  it.each([
    ['Hi. I was in hospital! Is my card ok? Thanks', ['Hi.', 'I was in hospital!', 'Is my card ok?', 'Thanks']],
    ['line one\nline two\r\n\r\nline three', ['line one', 'line two', 'line three']],
    ['He said "stop." Then left.', ['He said "stop."', 'Then left.']],
    ['Really?! Yes...', ['Really?!', 'Yes...']],
    ['I paid 3.50 EUR on example.com/?a=1 today', ['I paid 3.50 EUR on example.com/?a=1 today']],
    ['Dr. Smith and Mr. J. Doe, e.g. tomorrow.', ['Dr. Smith and Mr. J. Doe, e.g. tomorrow.']],
    ['أين بطاقتي؟ أنا في البيت، وأنتظر. شكرا', ['أين بطاقتي؟', 'أنا في البيت، وأنتظر.', 'شكرا']],
    ['أين بطاقتي؟شكرا', ['أين بطاقتي؟', 'شكرا']],
    ['یہ ٹھیک ہے۔ شکریہ', ['یہ ٹھیک ہے۔', 'شکریہ']],
    ['บัตรหายครับ ผมใช้ iPhone 12 อยู่ ขอบคุณครับ', ['บัตรหายครับ', 'ผมใช้', 'iPhone 12', 'อยู่', 'ขอบคุณครับ']],
    ['  padded  ', ['padded']],
    ['', []],
  ])('splits %j', (text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });

  it('covers every non-space character exactly once, in order', () => {
    const text = 'A. B? C!\nD؟E ۔ ฉัน ไป. ';
    const ranges = splitSentences(text);
    let covered = '';
    let last = 0;
    for (const r of ranges) {
      expect(r.start).toBeGreaterThanOrEqual(last);
      expect(text.slice(last, r.start).trim()).toBe('');
      covered += text.slice(r.start, r.end);
      last = r.end;
    }
    expect(text.slice(last).trim()).toBe('');
    expect(covered.replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });
});
