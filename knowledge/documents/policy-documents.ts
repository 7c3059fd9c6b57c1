// Reads one store's policy documents: the `.txt` and `.md` files of its folder (README, "Your own
// store"). Runs once at start-up, so sync fs keeps the knowledge base's construction a plain call.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSections, type PolicySection } from './section-parser.js';

export interface PolicyDocument {
  /** The brand whose folder holds the document. */
  brand: string;
  /** File name without `.txt` or `.md`, e.g. `customer-service-policy`. */
  id: string;
  /** What answers call it: the Markdown document's `# Title`, else the file name in words. */
  title: string;
  text: string;
  sections: PolicySection[];
}

const DOCUMENT_SUFFIXES = ['.txt', '.md'] as const;

/** The policy documents in one brand folder, by file name. A README.md is the operator's, not policy. */
export function readBrandDocuments(brand: string, folder: string): PolicyDocument[] {
  return readdirSync(folder)
    .filter((name) => DOCUMENT_SUFFIXES.some((suffix) => name.endsWith(suffix)) && name.toLowerCase() !== 'readme.md')
    .sort()
    .map((file) => {
      const markdown = file.endsWith('.md');
      const id = file.slice(0, file.lastIndexOf('.'));
      const text = readFileSync(join(folder, file), 'utf8');
      return { brand, id, title: titleOf(id, text, markdown), text, sections: parseSections(id, text, { markdown }) };
    });
}

function titleOf(id: string, text: string, markdown: boolean): string {
  if (markdown) return /^#[ \t]+(\S.*)$/m.exec(text)?.[1]?.trim() ?? wordsOf(id);
  // A plain-text document's title is its first line when that reads as one ("Returns and Exchanges").
  const first = text.trimStart().split(/\r?\n/, 1)[0]?.trim() ?? '';
  return first.length > 0 && first.length <= 60 && first.split(/\s+/).length <= 8 && !/[.:;,!?]$/.test(first) && /^\p{Lu}/u.test(first) ? first : wordsOf(id);
}

/** `customer-service-policy` → "Customer Service Policy". */
export function wordsOf(id: string): string {
  return id.split(/[-_\s]+/).filter(Boolean).map((word) => word[0]!.toUpperCase() + word.slice(1)).join(' ');
}
