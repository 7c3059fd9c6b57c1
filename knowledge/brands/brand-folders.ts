// A store is a folder (README, "Your own store"): its policy documents, and a brand.yaml of the
// settings and quoted facts the documents alone do not give. This reads every folder of the
// brands directory once at start-up, validates each brand.yaml with zod, and fills what it leaves
// out with the defaults of knowledge/brands/brand-defaults.ts. An error names the file, the line
// and the field.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_SCHEMA, load } from 'js-yaml';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { readBrandDocuments, type PolicyDocument } from '../documents/policy-documents.js';
import { brandDefaults } from './brand-defaults.js';
import { BrandIdSchema, BrandProfileSchema, type BrandProfileInput } from './brand-profile.schema.js';

/** The shipped demo stores: knowledge/policies/<brand-id>/. */
export const DEFAULT_BRANDS_DIR = fileURLToPath(new URL('../policies/', import.meta.url));
export const SETTINGS_FILE = 'brand.yaml';
/** Orders to try tracking with when no ORDERS_FILE is set (README, "Demo orders"). */
export const DEMO_ORDERS_FILE = 'demo-orders.yaml';
/** The team's questions for `npm run eval:kb`, each with the section that answers it. */
export const KB_QUESTIONS_FILE = 'kb-questions.csv';

export interface BrandFolder {
  id: string;
  folder: string;
  documents: PolicyDocument[];
  /** brand.yaml over the defaults: checked against the documents by the knowledge base. */
  profile: BrandProfileInput;
  /** Top-level settings brand.yaml leaves out, so they are at their default. */
  defaulted: string[];
  /**
   * The folder's demo-orders.yaml, parsed but not yet validated (bot/orders/demo-orders.ts does);
   * undefined without one. Read when asked: a service with an ORDERS_FILE never needs it.
   */
  demoOrders(): unknown;
}

export interface SettingsProblem {
  file: string;
  line: number | null;
  field: string;
  message: string;
}

export class BrandSettingsError extends Error {
  constructor(readonly problems: readonly SettingsProblem[]) {
    super(
      'A brand folder is invalid; refusing to start:\n'
        + problems.map((p) => `  - ${p.file}${p.line === null ? '' : `:${p.line}`}${p.field ? ` ${p.field}` : ''}: ${p.message}`).join('\n'),
    );
    this.name = 'BrandSettingsError';
  }
}

const shape = BrandProfileSchema.shape;
/** What brand.yaml may hold: any setting may be left out, and the id is the folder's name. */
export const BrandSettingsSchema = z.strictObject({
  ...Object.fromEntries(Object.entries(shape).filter(([key]) => key !== 'id').map(([key, schema]) => [key, (schema as z.ZodType).optional()])),
  timelines: shape.timelines.partial().optional(),
  returns: shape.returns.partial().optional(),
  urgency: shape.urgency.partial().optional(),
});
const NESTED = ['timelines', 'returns', 'urgency'] as const;

/** Every store folder of `dir`, by name; throws BrandSettingsError naming each problem. */
export function readBrandFolders(dir: string = DEFAULT_BRANDS_DIR): BrandFolder[] {
  if (!existsSync(dir)) throw new BrandSettingsError([{ file: dir, line: null, field: '', message: 'the brands directory does not exist (BRANDS_DIR)' }]);
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
  const folders: BrandFolder[] = [];
  const problems: SettingsProblem[] = [];
  for (const name of names) {
    try {
      folders.push(readBrandFolder(join(dir, name), name));
    } catch (error) {
      if (error instanceof BrandSettingsError) problems.push(...error.problems);
      else throw error;
    }
  }
  if (problems.length > 0) throw new BrandSettingsError(problems);
  if (folders.length === 0) throw new BrandSettingsError([{ file: dir, line: null, field: '', message: 'no brand folders here' }]);
  return folders;
}

export function readBrandFolder(folder: string, id: string): BrandFolder {
  const settingsFile = join(folder, SETTINGS_FILE);
  const fail = (field: string, message: string, line: number | null = null, file = settingsFile): never => {
    throw new BrandSettingsError([{ file, line, field, message }]);
  };
  if (!BrandIdSchema.safeParse(id).success) fail('', `the folder name "${id}" is not a brand id: use lower-case letters, digits and hyphens`, null, folder);
  const documents = readBrandDocuments(id, folder);
  if (documents.length === 0) fail('', 'no policy documents (.txt or .md) in this folder', null, folder);

  const data = existsSync(settingsFile) ? readYamlData(settingsFile) : {};
  const parsed = BrandSettingsSchema.safeParse(data ?? {}, { jitless: true });
  if (!parsed.success) {
    // Read again, keeping where each node starts, only to say on which line each problem is.
    const settings = readYaml(settingsFile);
    throw new BrandSettingsError(parsed.error.issues.map((issue) => ({
      file: settingsFile,
      line: settings.lineOf(issue.path),
      field: issue.path.map(String).join('.'),
      message: issue.message,
    })));
  }
  const given = parsed.data as Record<string, unknown>;
  const defaults = brandDefaults(id, documents) as unknown as Record<string, unknown>;
  const profile: Record<string, unknown> = { ...defaults, ...given, id };
  for (const key of NESTED) profile[key] = { ...(defaults[key] as object), ...(given[key] as object | undefined) };
  // A document brand.yaml does not list is still the store's: named from its file.
  const listed = (given.documents as Array<{ id: string }> | undefined) ?? [];
  if (listed.length > 0) profile.documents = [...listed, ...documents.filter((d) => !listed.some((l) => l.id === d.id)).map((d) => ({ id: d.id, title: d.title }))];
  const defaulted = Object.keys(defaults).filter((key) => key !== 'id' && !(key in given));

  const demoFile = join(folder, DEMO_ORDERS_FILE);
  const demoOrders = () => (existsSync(demoFile) ? readYamlData(demoFile) : undefined);
  return { id, folder, documents, profile: profile as unknown as BrandProfileInput, defaulted, demoOrders };
}

/**
 * A YAML file's data: the fast path, without positions (js-yaml reads the demo stores' files in a
 * third of the time `yaml` takes, which counts at every start). Both read YAML 1.2's core schema,
 * so a date stays a string. A syntax error is read again by `yaml`, for its line.
 */
function readYamlData(file: string): unknown {
  try {
    return load(readFileSync(file, 'utf8'), { schema: CORE_SCHEMA });
  } catch {
    return readYaml(file).data;
  }
}

/** A YAML file's data, and the line each field path starts on (for error messages). */
export function readYaml(file: string): { data: unknown; lineOf: (path: readonly PropertyKey[]) => number | null } {
  const lineCounter = new LineCounter();
  const document: Document = parseDocument(readFileSync(file, 'utf8'), { lineCounter, prettyErrors: false });
  const [error] = document.errors;
  if (error) {
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new BrandSettingsError([{ file, line, field: '', message: `not valid YAML: ${error.message.split('\n')[0]}` }]);
  }
  const lineOf = (path: readonly PropertyKey[]): number | null => {
    // The deepest node the path reaches: a missing field is reported on its parent's line.
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const node = document.getIn(path.slice(0, depth) as unknown[], true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return null;
  };
  return { data: document.toJS(), lineOf };
}
