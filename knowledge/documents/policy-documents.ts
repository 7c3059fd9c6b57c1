// Reads a policies folder laid out as <brand>/<document>.txt. Runs once at start-up, so sync fs
// keeps the knowledge base's construction a plain function call.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSections, type PolicySection } from './section-parser.js';

export interface PolicyDocument {
  /** The folder the document sits in: a brand id for the shipped policies. */
  brand: string;
  /** File name without `.txt`, e.g. `customer-service-policy`. */
  id: string;
  text: string;
  sections: PolicySection[];
}

const DOCUMENT_SUFFIX = '.txt';

/** The shipped copy of the brands' documents: knowledge/policies/<brand>/<document>.txt. */
export const DEFAULT_POLICIES_DIR = fileURLToPath(new URL('../policies/', import.meta.url));

export function readPolicyDocuments(policiesDir: string): PolicyDocument[] {
  const documents: PolicyDocument[] = [];
  const brands = readdirSync(policiesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const brand of brands) {
    const files = readdirSync(join(policiesDir, brand))
      .filter((name) => name.endsWith(DOCUMENT_SUFFIX))
      .sort();
    for (const file of files) {
      const id = file.slice(0, -DOCUMENT_SUFFIX.length);
      const text = readFileSync(join(policiesDir, brand, file), 'utf8');
      documents.push({ brand, id, text, sections: parseSections(id, text) });
    }
  }
  return documents;
}
