// Scaffolds a new store folder from its policy documents (README, "Your own store"):
//
//   npm run brand:new -- <brand-id> <document.txt|.md>… [--into <brands dir>]
//
// Copies the documents into <dir>/<brand-id>/ (dir: --into, else BRANDS_DIR, else the shipped
// knowledge/policies/), never over an existing folder, then writes a brand.yaml of the settings the
// documents seem to state (knowledge/brands/brand-proposals.ts), each under a "# review:" comment
// for the operator to check. Bad input is one line and exit code 2; the folder is removed again if
// anything else fails, so a scaffolded folder is always one the service starts with.
import { copyFileSync, constants, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Document, isMap, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { brandDefaults } from '../knowledge/brands/brand-defaults.js';
import { DEFAULT_BRANDS_DIR, SETTINGS_FILE, readBrandFolder } from '../knowledge/brands/brand-folders.js';
import { BrandIdSchema, BrandProfileSchema } from '../knowledge/brands/brand-profile.schema.js';
import { proposeSettings, settingsFromProposals, type Proposal } from '../knowledge/brands/brand-proposals.js';
import { checkProfile } from '../knowledge/brands/profile-check.js';
import { readBrandDocuments, wordsOf, type PolicyDocument } from '../knowledge/documents/policy-documents.js';

const USAGE = 'Usage: npm run brand:new -- <brand-id> <document.txt|.md>… [--into <brands dir>]';
const DOCUMENT_SUFFIXES = ['.txt', '.md'];
const QUOTE_IN_COMMENT = 90;

/** Input the operator can fix: one line, exit code 2. */
class UsageError extends Error {}

interface Created {
  folder: string;
  documents: PolicyDocument[];
  proposals: Proposal[];
  defaulted: string[];
}

function main(argv: readonly string[]): number {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }
  const [id, ...files] = args.positionals;
  if (id === undefined) throw new UsageError('name the new store and its documents');
  const idCheck = BrandIdSchema.safeParse(id);
  if (!idCheck.success) throw new UsageError(`"${id}" is not a brand id: ${idCheck.error.issues[0]?.message ?? 'lower-case letters, digits and hyphens'}`);
  const sources = documentFiles(files);
  const dir = resolve(args.values.into ?? process.env.BRANDS_DIR ?? DEFAULT_BRANDS_DIR);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`${shown(dir)} is not a folder`);
  const folder = join(dir, id);
  if (existsSync(folder)) throw new UsageError(`${shown(folder)} already exists: brand:new never overwrites a store. Choose another id, or edit that folder's ${SETTINGS_FILE}`);

  const created = scaffold(id, dir, folder, sources);
  printSummary(created);
  return 0;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: { into: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
}

/** The documents to copy: existing .txt or .md files, each giving the folder a distinct document id. */
function documentFiles(files: readonly string[]): string[] {
  if (files.length === 0) throw new UsageError('name at least one policy document (.txt or .md) to copy into the store');
  // `npm run` starts scripts in the package root: read relative paths from where the operator typed them.
  const base = process.env.npm_lifecycle_event === 'brand:new' ? (process.env.INIT_CWD ?? process.cwd()) : process.cwd();
  const ids = new Map<string, string>();
  return files.map((file) => {
    const path = resolve(base, file);
    const name = basename(path);
    const suffix = extname(name).toLowerCase();
    if (!DOCUMENT_SUFFIXES.includes(extname(name))) throw new UsageError(`${file}: a policy document must be a .txt or .md file${suffix === '.txt' || suffix === '.md' ? ` (lower-case "${suffix}")` : ''}`);
    if (name.toLowerCase() === 'readme.md') throw new UsageError(`${file}: a README.md is never read as a policy document; rename it`);
    if (!existsSync(path)) throw new UsageError(`${file}: no such file`);
    if (!statSync(path).isFile()) throw new UsageError(`${file}: not a file`);
    const documentId = name.slice(0, -extname(name).length);
    if (documentId === '') throw new UsageError(`${file}: the file name gives no document id`);
    const same = ids.get(documentId.toLowerCase());
    if (same !== undefined) throw new UsageError(`${same} and ${file} would both be document "${documentId}"; rename one`);
    ids.set(documentId.toLowerCase(), file);
    return path;
  });
}

/** Creates the folder, copies the documents, writes brand.yaml and checks the result; removes the folder on any failure. */
function scaffold(id: string, dir: string, folder: string, sources: readonly string[]): Created {
  mkdirSync(dir, { recursive: true });
  try {
    mkdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${shown(folder)} already exists: brand:new never overwrites a store`);
    throw error;
  }
  try {
    for (const source of sources) copyFileSync(source, join(folder, basename(source)), constants.COPYFILE_EXCL);
    const documents = readBrandDocuments(id, folder);
    const proposals = proposeSettings(documents);
    writeFileSync(join(folder, SETTINGS_FILE), brandYaml(id, folder, documents, proposals), { flag: 'wx' });

    // The folder as the service will read it: it must start.
    const read = readBrandFolder(folder, id);
    const profile = BrandProfileSchema.parse(read.profile, { jitless: true });
    const problems = checkProfile(profile, read.documents, { titles: !read.defaulted.includes('documents') });
    if (problems.length > 0) throw new Error(`the written ${SETTINGS_FILE} does not pass the start-up check: ${problems.map((p) => `${p.path}: ${p.problem}`).join('; ')}`);
    return { folder, documents, proposals, defaulted: defaultedSettings(id, documents, proposals) };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

/** brand.yaml: a header saying what the file is, then each proposal under its "# review:" line. */
function brandYaml(id: string, folder: string, documents: readonly PolicyDocument[], proposals: readonly Proposal[]): string {
  const header = [
    `${wordsOf(id)}: what Clasp knows about this store beyond its documents (README, "Your own store").`,
    `Written by \`npm run brand:new\` from ${documents.map((document) => `${document.id}`).join(', ')}.`,
    'Every setting below was PROPOSED by reading the documents for plain statements (an address, a',
    'reply time, a return window…). Check each against its quote, correct or delete it, then remove its',
    '"# review:" line. A setting left out keeps its default (knowledge/brands/brand-defaults.ts); add',
    'operator settings ({ operatorSetting: true, value, note }) for what the documents do not state,',
    'such as displayName, theme and supportInbox.',
    'Each quoted fact ({ document, section, quote, ... }) is checked against its section at start-up:',
    `  npm run brand:check -- ${shown(folder)}`,
  ];
  if (proposals.length === 0) {
    return `${[...header, '', 'The documents state none of the settings brand:new looks for: every setting is at its default.'].map(comment).join('\n')}\n`;
  }
  const yaml = new Document(settingsFromProposals(proposals));
  yaml.commentBefore = header.map((line) => ` ${line}`.trimEnd()).join('\n');
  const channels = proposals.filter((proposal) => proposal.setting === 'channels');
  for (const proposal of proposals) {
    const review = ` review: proposed from ${proposal.fact.document} §${proposal.fact.section} — "${shortened(proposal.fact.quote)}"`;
    if (proposal.setting === 'channels') {
      const list = yaml.getIn(['channels'], true);
      const item = isSeq(list) ? (list as YAMLSeq<Node>).items[channels.indexOf(proposal)] : undefined;
      if (item) item.commentBefore = review;
      continue;
    }
    const path = proposal.setting.split('.');
    const parent = path.length === 1 ? yaml.contents : yaml.getIn(path.slice(0, -1), true);
    const pair = isMap(parent) ? (parent as YAMLMap<Node, Node>).items.find((candidate) => String((candidate.key as { value?: unknown }).value) === path.at(-1)) : undefined;
    if (pair?.key) pair.key.commentBefore = review;
  }
  return yaml.toString({ lineWidth: 0 });
}

function comment(line: string): string {
  return line === '' ? '#' : `# ${line}`;
}

function shortened(quote: string): string {
  return quote.length <= QUOTE_IN_COMMENT ? quote : `${quote.slice(0, QUOTE_IN_COMMENT - 1).trimEnd()}…`;
}

/** The settings the new brand.yaml leaves at their default, as paths ("timelines.refund"). */
function defaultedSettings(id: string, documents: readonly PolicyDocument[], proposals: readonly Proposal[]): string[] {
  const proposed = new Set<string>(proposals.map((proposal) => proposal.setting));
  const defaults = brandDefaults(id, documents) as unknown as Record<string, unknown>;
  return Object.entries(defaults)
    .filter(([key]) => !['id', 'documents', 'statements'].includes(key))
    .flatMap(([key, value]) => ['timelines', 'returns', 'urgency'].includes(key) ? Object.keys(value as object).map((nested) => `${key}.${nested}`) : [key])
    .filter((path) => !proposed.has(path));
}

function printSummary({ folder, documents, proposals, defaulted }: Created): void {
  const lines = [`Created ${shown(folder)}/ with ${documents.length} document${documents.length === 1 ? '' : 's'}: ${documents.map((document) => document.id).join(', ')}.`, ''];
  if (proposals.length === 0) {
    lines.push('Proposed: nothing; the documents state none of the settings brand:new looks for.');
  } else {
    lines.push(`Proposed from the documents (each marked "# review:" in ${SETTINGS_FILE}; check it before going live):`);
    const width = Math.max(...proposals.map((proposal) => proposal.setting.length));
    for (const { setting, fact, reads } of proposals) lines.push(`  ${setting.padEnd(width)}  ${reads}  (${fact.document} §${fact.section})`);
  }
  lines.push('', `At their default (knowledge/brands/brand-defaults.ts): ${defaulted.join(', ')}.`);
  if (defaulted.includes('supportInbox')) lines.push('Note: supportInbox is a placeholder until you set it, so handoff emails reach no one.');
  lines.push('', `Next: review ${SETTINGS_FILE}, then check the folder:`, `  npm run brand:check -- ${shown(folder)}`);
  console.log(lines.join('\n'));
}

/** A path as the operator would type it: relative to the working folder when inside it. */
function shown(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`brand:new: ${error.message}\n${USAGE}`);
    process.exitCode = 2;
  } else {
    console.error(`brand:new: could not create the store: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
