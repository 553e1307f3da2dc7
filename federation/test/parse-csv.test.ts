import { describe, expect, it } from 'vitest';
import { parseCsv } from '../src/data/parse-csv.ts';
import { isMeridianError } from '@meridian/core/errors/meridian-error.ts';

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, embedded newlines, CRLF and a BOM', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\n"multi\nline",z')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['multi\nline', 'z'],
    ]);
  });
  it('keeps empty fields', () => {
    expect(parseCsv('a,,c\n,\n')).toEqual([['a', '', 'c'], ['', '']]);
  });
  it('reports an unterminated quote with the line it opened on', () => {
    try {
      parseCsv('a\n"open,b\nc');
      expect.unreachable();
    } catch (e) {
      expect(isMeridianError(e) && e.code === 'BAD_INPUT' && e.evidence.line === 2).toBe(true);
    }
  });
});
