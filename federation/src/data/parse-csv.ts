import { MeridianError } from '@meridian/core/errors/meridian-error.ts';

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes,
 * CRLF or LF) into rows of fields. Pure; the loaders read the file and hand
 * the text here. A quote left open at the end of the input is a BAD_INPUT
 * error carrying the line where the field started.
 *
 * @example
 * parseCsv('a,b\n"x, y","say ""hi"""\n'); // [['a','b'], ['x, y', 'say "hi"']]
 */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  const n = text.length;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0; // UTF-8 BOM
  i = start;
  while (i < n) {
    const ch = text[i] as string;
    if (ch === '"' && field === '') {
      const openedAt = line;
      i++;
      for (;;) {
        if (i >= n) throw new MeridianError('BAD_INPUT', 'unterminated quoted CSV field', { line: openedAt });
        const q = text[i] as string;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      // Text after a closing quote (malformed, but seen in the wild) is kept verbatim.
      while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
      continue;
    }
    if (ch === delimiter) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
