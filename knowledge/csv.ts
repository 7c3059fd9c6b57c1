// CSV as the training data (knowledge/reading/training-data/), the evaluation sets and the brand
// folders' kb-questions.csv are kept.
import { readFileSync } from 'node:fs';

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (char !== '\r') field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Rows as RFC 4180 CSV, a field quoted only when it must be; one row per line, the last ended too. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const quote = (field: string) => (/[",\n\r]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
  return rows.map((row) => row.map(quote).join(',')).join('\n') + '\n';
}

/** Rows of a CSV file as objects keyed by its header, checked to have exactly `columns`. */
export function readCsvRows(path: string, columns: readonly string[]): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  if (header?.join(',') !== columns.join(',')) throw new Error(`${path}: expected columns ${columns.join(',')}, found ${header?.join(',') ?? 'none'}`);
  return rows
    .filter((row) => row.some((field) => field.trim() !== ''))
    .map((row, index) => {
      if (row.length !== columns.length) throw new Error(`${path}: row ${index + 2} has ${row.length} fields, expected ${columns.length}`);
      return Object.fromEntries(columns.map((column, at) => [column, (row[at] ?? '').trim()]));
    });
}
