// The measuring sets' utterances (../shared/eval/bitext-dev.csv, clinc-dev.csv) must never be in
// the repository. One matcher for the test that checks it and for the script that imports the
// CLINC150 training lines: compared normalised (lower case, punctuation stripped, whitespace
// collapsed), an utterance of four or more words counts wherever its words appear in a row.
import { readFileSync } from 'node:fs';
import { parseCsv } from '../knowledge/csv.js';

const MIN_WORDS = 4;
const KEY_WORDS = 4;

export const normaliseWords = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, '')
    .split(/\s+/)
    .filter(Boolean);

export interface HeldOutLines {
  /** How many utterances are long enough to count. */
  size: number;
  /** The CSV rows (1-based, header is row 1) whose utterance appears in `text`. */
  rowsIn(text: string): number[];
}

/** The utterances of a measuring set, indexed by their first words so each text is read once. */
export function readHeldOutLines(csvPath: string, columnName = 'utterance'): HeldOutLines {
  const [header, ...rows] = parseCsv(readFileSync(csvPath, 'utf8'));
  const column = header?.indexOf(columnName) ?? -1;
  if (column < 0) throw new Error(`${csvPath}: no "${columnName}" column`);
  const byKey = new Map<string, Array<{ row: number; words: string[] }>>();
  let size = 0;
  rows.forEach((row, index) => {
    const words = normaliseWords(row[column] ?? '');
    if (words.length < MIN_WORDS) return;
    size += 1;
    const key = words.slice(0, KEY_WORDS).join(' ');
    const list = byKey.get(key) ?? [];
    list.push({ row: index + 2, words });
    byKey.set(key, list);
  });
  return {
    size,
    rowsIn(text) {
      const words = normaliseWords(text);
      const found: number[] = [];
      for (let start = 0; start + KEY_WORDS <= words.length; start += 1) {
        for (const candidate of byKey.get(words.slice(start, start + KEY_WORDS).join(' ')) ?? []) {
          if (candidate.words.every((word, offset) => words[start + offset] === word)) found.push(candidate.row);
        }
      }
      return found;
    },
  };
}
