import { MeridianError } from '@meridian/core/errors/meridian-error.ts';

/**
 * Parses RFC 4180 CSV: fields separated by `delimiter`, optionally quoted
 * with `"`; inside quotes, `""` is a quote and commas and line breaks are
 * data. Accepts LF or CRLF line ends and a UTF-8 byte-order mark. An
 * unterminated quote is refused with `BAD_INPUT` and the line it opened on.
 *
 * @example
 * parseCsv('text,category\n"Hi, I ""lost"" it\nagain",lost_card\n');
 * // [['text', 'category'], ['Hi, I "lost" it\nagain', 'lost_card']]
 */
export function parseCsv(input: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = input.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let quoteLine = 0;
  let inQuotes = false;
  let rowHasContent = false;
  const n = input.length;
  while (i < n) {
    const ch = input[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      // Fast-forward to the next quote or newline: most of a quoted field.
      let j = i + 1;
      while (j < n && input[j] !== '"' && input[j] !== '\n') j++;
      field += input.slice(i, j);
      i = j;
      continue;
    }
    if (ch === '"' && field === '') {
      inQuotes = true;
      quoteLine = line;
      rowHasContent = true;
      i++;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
      rowHasContent = true;
      i++;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      i++;
      line++;
      if (rowHasContent || field !== '') {
        row.push(field);
        rows.push(row);
      }
      row = [];
      field = '';
      rowHasContent = false;
    } else {
      field += ch;
      rowHasContent = true;
      i++;
    }
  }
  if (inQuotes) throw new MeridianError('BAD_INPUT', 'CSV ends inside a quoted field', { line: quoteLine });
  if (rowHasContent || field !== '') {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
