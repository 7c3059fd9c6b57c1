// The dev utterances of ../shared/eval (bitext-dev.csv, clinc-dev.csv) are for measuring only:
// none of them may be copied into the repository (phrase tables, tests, fixtures, docs, the
// CLINC150 training lines kept in knowledge/). Compared normalised: lower case, punctuation
// stripped, whitespace collapsed; utterances under four words are too generic to count
// (scripts/held-out-lines.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readHeldOutLines } from '../scripts/held-out-lines.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEV_SETS = ['bitext-dev.csv', 'clinc-dev.csv'] as const;
const MAX_FILE_BYTES = 5_000_000;

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

describe.each(DEV_SETS)('the dev utterances of %s stay out of the repository', (name) => {
  const path = fileURLToPath(new URL(`../../shared/eval/${name}`, import.meta.url));
  const present = existsSync(path);
  if (!present) console.log(`eval-utterances-not-in-repo: skipped: ../shared/eval/${name} is not present next to this project.`);

  it.skipIf(!present)('no file of the repository contains one of them', () => {
    const heldOut = readHeldOutLines(path);
    expect(heldOut.size).toBeGreaterThan(0);
    const files = repositoryFiles().filter((file) => !file.split('/').includes('node_modules'));
    expect(files.length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const file of files) {
      const text = readText(file);
      if (text === undefined) continue;
      // Name the place and the CSV row, never the utterance itself.
      for (const row of heldOut.rowsIn(text)) found.push(`${file} contains ${name} row ${row}`);
    }
    expect(found).toEqual([]);
  });

  it.skipIf(!present)('would notice one', () => {
    const heldOut = readHeldOutLines(path);
    const lines = readFileSync(path, 'utf8').split('\n').slice(1).map((line) => line.split(',')[0] ?? '');
    const long = lines.find((line) => line.split(' ').length >= 6) ?? '';
    const planted = `a phrase table with "${long.toUpperCase()}!" in it`;
    expect(heldOut.rowsIn(planted).length).toBeGreaterThan(0);
  });
});
