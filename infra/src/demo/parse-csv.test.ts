import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataDir } from '@meridian/core/config/shared-data-dir.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { parseCsv } from './parse-csv.ts';

describe('parseCsv', () => {
  it.each([
    ['a,b\n1,2\n', [['a', 'b'], ['1', '2']]],
    ['a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
    ['\ufeffa,b\n1,2', [['a', 'b'], ['1', '2']]],
    ['"x, y",z\n', [['x, y', 'z']]],
    ['"line one\nline two",z\n', [['line one\nline two', 'z']]],
    ['"he said ""hi""",z', [['he said "hi"', 'z']]],
    ['a,,c\n,\n', [['a', '', 'c'], ['', '']]],
    ['"",x', [['', 'x']]],
    ['a\tb\n', [['a\tb']]],
  ])('parses %j', (input, rows) => {
    expect(parseCsv(input)).toEqual(rows);
  });

  it('takes another delimiter', () => {
    expect(parseCsv('a\tb\n"c\td"\te\n', '\t')).toEqual([['a', 'b'], ['c\td', 'e']]);
  });

  it('refuses an unterminated quote with the line it opened on', () => {
    const err = (() => {
      try {
        parseCsv('a,b\n1,"open\n2,3\n');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(MeridianError);
    expect(err).toMatchObject({ code: 'BAD_INPUT', evidence: { line: 2 } });
  });

  it('reads the real Banking77 test set, quoted newlines included, to its documented size', () => {
    const rows = parseCsv(readFileSync(join(sharedDataDir(), 'intent/banking77/test.csv'), 'utf8'));
    expect(rows[0]).toEqual(['text', 'category']);
    expect(rows.length - 1).toBe(3080);
    expect(rows.every((r) => r.length === 2)).toBe(true);
  });
});
