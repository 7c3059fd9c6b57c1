// The dev utterances of ../shared/eval are for measuring only: none of them may be copied into the
// repository (phrase tables, tests, fixtures, docs). Compared normalised: lower case, punctuation
// stripped, whitespace collapsed; utterances under four words are too generic to count.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../scripts/csv.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEV_SET = fileURLToPath(new URL('../../shared/eval/bitext-dev.csv', import.meta.url));
const MIN_WORDS = 4;
const KEY_WORDS = 4;
const MAX_FILE_BYTES = 5_000_000;

const normalise = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Tracked files plus untracked ones git does not ignore; without git, every file outside node_modules. */
function repositoryFiles(): string[] {
  try {
    const list = (...args: string[]) =>
      execFileSync('git', ['ls-files', '-z', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64_000_000 })
        .split('\0')
        .filter(Boolean);
    return [...new Set([...list(), ...list('--others', '--exclude-standard')])];
  } catch {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === 'node_modules' || entry.name === '.git') continue;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.isFile()) files.push(relative(ROOT, path));
      }
    };
    walk(ROOT);
    return files;
  }
}

function readText(path: string): string | undefined {
  const absolute = join(ROOT, path);
  if (!existsSync(absolute) || !statSync(absolute).isFile() || statSync(absolute).size > MAX_FILE_BYTES) return undefined;
  const bytes = readFileSync(absolute);
  return bytes.includes(0) ? undefined : bytes.toString('utf8');
}

describe('the dev utterances stay out of the repository', () => {
  const present = existsSync(DEV_SET);
  if (!present) {
    console.log('eval-utterances-not-in-repo: skipped: ../shared/eval/bitext-dev.csv is not present next to this project.');
  }

  it.skipIf(!present)('no file of the repository contains a dev utterance', () => {
    const [header, ...rows] = parseCsv(readFileSync(DEV_SET, 'utf8'));
    const column = header?.indexOf('utterance') ?? -1;
    expect(column).toBeGreaterThanOrEqual(0);

    // Utterances by their first words, so each file is read once.
    const byKey = new Map<string, Array<{ row: number; words: string[] }>>();
    rows.forEach((row, index) => {
      const words = normalise(row[column] ?? '').split(' ').filter(Boolean);
      if (words.length < MIN_WORDS) return;
      const key = words.slice(0, KEY_WORDS).join(' ');
      const list = byKey.get(key) ?? [];
      list.push({ row: index + 2, words });
      byKey.set(key, list);
    });
    expect(byKey.size).toBeGreaterThan(0);

    const found: string[] = [];
    const files = repositoryFiles().filter((path) => !path.split('/').includes('node_modules'));
    expect(files.length).toBeGreaterThan(0);
    for (const path of files) {
      const text = readText(path);
      if (text === undefined) continue;
      const words = normalise(text).split(' ');
      for (let start = 0; start + KEY_WORDS <= words.length; start += 1) {
        const candidates = byKey.get(words.slice(start, start + KEY_WORDS).join(' '));
        for (const candidate of candidates ?? []) {
          if (candidate.words.every((word, offset) => words[start + offset] === word)) {
            // Name the place and the CSV row, never the utterance itself.
            found.push(`${path} contains bitext-dev.csv row ${candidate.row}`);
          }
        }
      }
    }
    expect(found).toEqual([]);
  });
});
