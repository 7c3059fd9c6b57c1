// `npm run brand:new` as an operator runs it: a store folder scaffolded from a document into a
// brands directory, which the service then loads; bad input is one line and exit code 2.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readBrandFolder } from '../../knowledge/brands/brand-folders.js';
import { loadKnowledgeBase } from '../../knowledge/knowledge-base.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SCRIPT = join(ROOT, 'scripts', 'brand-new.ts');
const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'clasp-brand-new-'));
  folders.push(folder);
  return folder;
}

const POLICY = `# Fernleaf Jewelry Help Desk

Fernleaf makes botanical rings and pendants in small batches.

## Talk to us

For help with an order, contact our help desk at desk@fernleaf.example. We respond to every
message within 1-3 business days.

## Returns

You can return unused jewelry within 45 days of delivery.
Engraved pendants are final sale and cannot be returned.

## Shipping

Orders are packed and shipped within 2 business days.
`;

/** The script as `npm run brand:new --` runs it, from the repository root. */
function brandNew(args: string[], env: Record<string, string | undefined> = {}) {
  const { npm_lifecycle_event: _event, INIT_CWD: _initCwd, BRANDS_DIR: _brandsDir, ...inherited } = process.env;
  const result = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
    cwd: ROOT,
    env: { ...inherited, NODE_NO_WARNINGS: '1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeDocument(name: string, text: string): string {
  const path = join(tempFolder(), name);
  writeFileSync(path, text);
  return path;
}

describe('npm run brand:new', () => {
  it('scaffolds a store folder that loads, with each proposed setting marked for review', () => {
    const brands = tempFolder();
    const document = writeDocument('help-desk.md', POLICY);

    const run = brandNew(['fernleaf', document, '--into', brands]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);

    const folder = join(brands, 'fernleaf');
    expect(readdirSync(folder).sort()).toEqual(['brand.yaml', 'help-desk.md']);
    expect(readFileSync(join(folder, 'help-desk.md'), 'utf8')).toBe(POLICY);

    const yaml = readFileSync(join(folder, 'brand.yaml'), 'utf8');
    expect(yaml).toMatch(/^# Fernleaf: what Clasp knows about this store/);
    expect(yaml).toContain('# review: proposed from help-desk §talk-to-us — "For help with an order, contact our help desk at desk@fernleaf.example."');
    expect(yaml).toContain('# review: proposed from help-desk §returns — "You can return unused jewelry within 45 days of delivery."');
    expect(yaml.match(/^\s*# review:/gm)?.length).toBe(7);

    const read = readBrandFolder(folder, 'fernleaf');
    expect(read.profile.supportInbox).toMatchObject({ address: 'desk@fernleaf.example', section: 'talk-to-us' });
    expect(read.profile.returns.window).toMatchObject({ min: 45, max: 45, unit: 'days' });
    expect(read.profile.returns.windowStart).toMatchObject({ value: 'delivery' });
    expect(read.defaulted).toContain('displayName');

    const kb = loadKnowledgeBase({ brandsDir: brands });
    expect(kb.brandIds).toEqual(['fernleaf']);
    expect(kb.profile('fernleaf' as never).replyTime).toMatchObject({ min: 1, max: 3, unit: 'business_days', channel: 'email' });

    expect(run.stdout).toContain('supportInbox');
    expect(run.stdout).toContain('At their default');
    expect(run.stdout).toContain(`npm run brand:check -- ${folder}`);
  });

  it('scaffolds from BRANDS_DIR when no --into is given', () => {
    const brands = tempFolder();
    const document = writeDocument('notes.txt', 'Notes\n\nWe love making jewelry.\n');
    const run = brandNew(['quiet-store', document], { BRANDS_DIR: brands });
    expect(run.status).toBe(0);
    // A document that states nothing gives a brand.yaml of comments only: every setting at its default.
    expect(readFileSync(join(brands, 'quiet-store', 'brand.yaml'), 'utf8')).not.toMatch(/^[^#\n]/m);
    expect(run.stdout).toContain('Proposed: nothing');
    expect(loadKnowledgeBase({ brandsDir: brands }).brandIds).toEqual(['quiet-store']);
  });

  it('refuses a name that is not a brand id, with exit code 2 and no stack trace', () => {
    const brands = tempFolder();
    const document = writeDocument('help-desk.md', POLICY);
    const run = brandNew(['Fern Leaf', document, '--into', brands]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('brand:new: "Fern Leaf" is not a brand id');
    expect(run.stderr).toContain('Usage: npm run brand:new --');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(brands)).toEqual([]);
  });

  it('refuses to overwrite an existing store folder', () => {
    const brands = tempFolder();
    const document = writeDocument('help-desk.md', POLICY);
    expect(brandNew(['fernleaf', document, '--into', brands]).status).toBe(0);
    const before = readFileSync(join(brands, 'fernleaf', 'brand.yaml'), 'utf8');

    const again = brandNew(['fernleaf', document, '--into', brands]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/fernleaf already exists: brand:new never overwrites a store/);
    expect(readFileSync(join(brands, 'fernleaf', 'brand.yaml'), 'utf8')).toBe(before);

    // Even an empty folder of that name is someone's.
    mkdirSync(join(brands, 'bare'));
    expect(brandNew(['bare', document, '--into', brands]).status).toBe(2);
    expect(readdirSync(join(brands, 'bare'))).toEqual([]);
  });

  it.each([
    ['no documents', ['fernleaf'], /name at least one policy document/],
    ['a missing document', ['fernleaf', '/nonexistent/clasp/help.md'], /help\.md: no such file/],
    ['a document that is not .txt or .md', ['fernleaf', '/nonexistent/clasp/help.pdf'], /must be a \.txt or \.md file/],
    ['an unknown option', ['fernleaf', '--colour', 'red'], /Unknown option '--colour'/],
  ])('refuses %s with exit code 2', (_case, args, message) => {
    const brands = tempFolder();
    const run = brandNew([...args, '--into', brands]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(brands, 'fernleaf'))).toBe(false);
  });
});
