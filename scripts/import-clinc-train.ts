// Copies CLINC150's training lines (../shared/eval/clinc-train.csv, CC BY 3.0) into
// knowledge/understanding/out-of-scope/, which the out-of-scope gate and the small-talk phrases
// train on. A training line that contains an utterance of the measuring set (clinc-dev.csv or
// bitext-dev.csv) is left out, so the repository holds none of those. Run once by hand:
//
//   npx tsx scripts/import-clinc-train.ts
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../knowledge/csv.js';
import { readHeldOutLines } from './held-out-lines.js';

const evalDir = fileURLToPath(new URL('../../shared/eval/', import.meta.url));
const target = fileURLToPath(new URL('../knowledge/understanding/out-of-scope/', import.meta.url));

const source = `${evalDir}clinc-train.csv`;
if (!existsSync(source)) throw new Error(`${source} is not there`);
const heldOut = ['clinc-dev.csv', 'bitext-dev.csv'].map((name) => readHeldOutLines(`${evalDir}${name}`));
const [header, ...rows] = parseCsv(readFileSync(source, 'utf8'));
if (header?.join(',') !== 'utterance,expected,clinc_intent') throw new Error(`${source}: unexpected columns ${header?.join(',')}`);

const quote = (field: string) => (/[",\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
const kept = rows.filter((row) => row.length === 3 && heldOut.every((set) => set.rowsIn(row[0] ?? '').length === 0));
writeFileSync(`${target}clinc150-train.csv`, [header, ...kept].map((row) => row.map(quote).join(',')).join('\n') + '\n');
copyFileSync(`${evalDir}LICENSE-CC-BY-3.0.txt`, `${target}LICENSE-CC-BY-3.0.txt`);
console.log(`kept ${kept.length} of ${rows.length} lines (${rows.length - kept.length} contain a measuring-set utterance)`);
