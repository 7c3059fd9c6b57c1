import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const FIXTURE = new URL('../fixtures/brands/tidewater-goldsmiths/', import.meta.url);
const work = mkdtempSync(join(tmpdir(), 'clasp-brand-check-'));

async function brandCheck(folder: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/brand-check.ts', folder], { cwd: process.cwd() });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: `${failed.stdout}${failed.stderr}` };
  }
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run brand:check', () => {
  it('prints each topic\'s answer with its section, or "not stated", and the settings at their default', async () => {
    const { code, out } = await brandCheck(FIXTURE.pathname);
    expect(code).toBe(0);
    expect(out).toContain('returns.policy  [from returns-and-exchanges §1, returns-and-exchanges §2]');
    expect(out).toContain('Most pieces can be returned within 30 days of delivery');
    expect(out).toMatch(/order\.invoice {2}\[not stated\]/);
    expect(out).toMatch(/Settings still at their default \(2\):\n {2}greeting: .*\n {2}urgency\.subjectWord: Default: URGENT/);
    expect(out).toContain('Quotes: every quote matches its document.');
  }, 60_000);

  it('exits non-zero and shows a drifted quote beside what the document says now', async () => {
    const folder = join(work, 'tidewater-goldsmiths');
    cpSync(FIXTURE, folder, { recursive: true });
    const document = join(folder, 'customer-care.md');
    writeFileSync(document, readFileSync(document, 'utf8').replace('within 2-4 business days of your order', 'within 3-5 business days of your order'));
    const { code, out } = await brandCheck(folder);
    expect(code).toBe(1);
    expect(out).toContain('timelines.processing (customer-care §making-and-dispatch): quote no longer matches the document');
    expect(out).toContain('the document says: "Pieces in stock leave the studio within 3-5 business days of your order."');
  }, 60_000);

  it('exits non-zero on an invalid brand.yaml, naming the line', async () => {
    const folder = join(work, 'broken-store');
    cpSync(FIXTURE, folder, { recursive: true });
    writeFileSync(join(folder, 'brand.yaml'), 'hours:\n  operatorSetting: true\n  value: { weekdays: [1], open: "9am", close: "17:00" }\n  note: ours\n');
    const { code, out } = await brandCheck(folder);
    expect(code).toBe(1);
    expect(out).toMatch(/broken-store[/\\]brand\.yaml:\d+ hours/);
  }, 60_000);
});
