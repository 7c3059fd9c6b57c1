// What the bot will say for one store, before it goes live (README, "Your own store"):
//
//   npm run brand:check -- knowledge/policies/<brand-id>
//
// Prints, for every topic of the catalog, the answer the bot composes for that store and the
// sections it cites, or "not stated"; every setting still at its default; and any quote that no
// longer matches its document, side by side. Exits 1 on any error (an invalid brand.yaml, a
// drifted quote), 2 when it cannot run.
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NOT_SET } from '../knowledge/brands/brand-defaults.js';
import { BrandSettingsError, readBrandFolder } from '../knowledge/brands/brand-folders.js';
import { isOperatorSetting, type BrandProfile } from '../knowledge/brands/brand-profile.schema.js';
import { checkBrand, composedAnswer, ProfileValidationError } from '../knowledge/knowledge-base.js';
import { FLOW_TOPICS, SMALL_TALK_TOPICS, TOPICS, type Topic } from '../knowledge/topics.js';


function main(): number {
  const { positionals } = parseArgs({ allowPositionals: true });
  const [target] = positionals;
  if (target === undefined || positionals.length > 1) {
    console.error('Usage: npm run brand:check -- <brand folder>   e.g. knowledge/policies/generic-store');
    return 2;
  }
  const folderPath = resolve(target);
  if (!existsSync(folderPath) || !statSync(folderPath).isDirectory()) {
    console.error(`brand:check: ${target} is not a folder`);
    return 2;
  }
  let folder;
  let checked;
  try {
    folder = readBrandFolder(folderPath, basename(folderPath));
    checked = checkBrand(folder);
  } catch (error) {
    if (error instanceof BrandSettingsError || error instanceof ProfileValidationError) {
      console.log(error.message);
      return 1;
    }
    throw error;
  }
  const { profile, problems } = checked;

  console.log(`${profile.displayName.value} (${profile.id}): ${folder.documents.length} document(s): ${folder.documents.map((d) => `${d.id} (${d.sections.length} sections)`).join(', ')}`);
  console.log('\nWhat the bot answers, topic by topic:');
  const skipped = new Set<Topic>([...SMALL_TALK_TOPICS, ...FLOW_TOPICS]);
  for (const topic of TOPICS) {
    if (skipped.has(topic)) continue;
    const answer = composedAnswer(profile, topic);
    const from = answer.sources.map((s) => `${s.document} §${s.section}`).join(', ');
    const status = answer.stated ? `from ${from || 'settings'}` : 'not stated';
    console.log(`\n  ${topic}  [${status}]\n    ${answer.text}`);
  }

  const defaults = defaultedSettings(profile);
  console.log(`\nSettings still at their default (${defaults.length}):`);
  for (const { path, note } of defaults) console.log(`  ${path}: ${note.slice(NOT_SET.length).trim()}`);

  if (problems.length === 0) {
    console.log('\nQuotes: every quote matches its document.');
    return 0;
  }
  console.log(`\nQuotes that no longer match their document (${problems.length}):`);
  for (const problem of problems) {
    console.log(`  ${problem.path} (${problem.document}${problem.section ? ` §${problem.section}` : ''}): ${problem.problem}`);
    console.log(`    brand.yaml quotes: "${problem.quote}"`);
    if (problem.nowReads !== undefined) console.log(`    the document says: "${problem.nowReads}"`);
  }
  return 1;
}

/** Operator settings whose note is the default's: brand.yaml left them out. */
function defaultedSettings(profile: BrandProfile): Array<{ path: string; note: string }> {
  const found: Array<{ path: string; note: string }> = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    if (isOperatorSetting(value as object) && typeof (value as { note?: unknown }).note === 'string') {
      const note = (value as { note: string }).note;
      if (note.startsWith(NOT_SET)) found.push({ path, note });
      return;
    }
    for (const [key, child] of Object.entries(value)) visit(child, path ? `${path}.${key}` : key);
  };
  visit(profile, '');
  return found;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`brand:check: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
