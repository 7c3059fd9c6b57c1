// Copies the public training corpora Clasp learns from out of ../shared/eval into
// knowledge/reading/training-data/third-party/, with their licences, so `npm install` can train
// the models on a machine that has only this repository. Each copy is a deterministic sample
// (the same lines on every run); a line that contains an utterance of a measuring set is left out,
// so the repository holds none of those. Run once by hand when the corpora change:
//
//   npx tsx scripts/import-training-corpora.ts
//
// - CLINC150 train (CC BY 3.0): every line, as the out-of-scope class and small talk;
// - Bitext customer support train (CDLA-Sharing 1.0): at most BITEXT_PER_INTENT lines an intent;
// - Schema-Guided Dialogue acts train (CC BY-SA 4.0): at most SGD_PER_CELL replies for each pair
//   of the assistant's act and the reply's act, without the assistant's own sentence (only its
//   acts are read).
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv, toCsv } from '../knowledge/csv.js';
import { readHeldOutLines } from './held-out-lines.js';

const BITEXT_PER_INTENT = 150;
const SGD_PER_CELL = 1_200;

const evalDir = fileURLToPath(new URL('../../shared/eval/', import.meta.url));
const target = fileURLToPath(new URL('../knowledge/reading/training-data/third-party/', import.meta.url));
const heldOut = ['clinc-dev.csv', 'bitext-dev.csv'].map((name) => readHeldOutLines(`${evalDir}${name}`));
heldOut.push(readHeldOutLines(`${evalDir}sgd-acts-dev.csv`, 'user'));
const measured = (text: string) => heldOut.some((set) => set.rowsIn(text).length > 0);

function read(name: string, columns: string): string[][] {
  const path = `${evalDir}${name}`;
  if (!existsSync(path)) throw new Error(`${path} is not there`);
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  if (header?.join(',') !== columns) throw new Error(`${path}: unexpected columns ${header?.join(',')}`);
  return rows.filter((row) => row.length === header.length);
}

/** A stable pseudo-random order (FNV-1a of the line): the same sample on every run, spread over the file. */
function stableOrder(rows: string[][]): string[][] {
  const hash = (text: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return h;
  };
  return rows.map((row) => ({ row, key: hash(row.join('\u0001')) })).sort((a, b) => a.key - b.key).map(({ row }) => row);
}

function capPer(rows: string[][], keyOf: (row: string[]) => string, cap: number): string[][] {
  const counts = new Map<string, number>();
  return stableOrder(rows).filter((row) => {
    const key = keyOf(row);
    const count = counts.get(key) ?? 0;
    counts.set(key, count + 1);
    return count < cap;
  });
}

function write(name: string, header: string[], rows: string[][], of: number): void {
  writeFileSync(`${target}${name}`, toCsv([header, ...rows]));
  console.log(`${name}: kept ${rows.length} of ${of} lines`);
}

const clinc = read('clinc-train.csv', 'utterance,expected,clinc_intent');
write('clinc150-train.csv', ['utterance', 'expected', 'clinc_intent'], clinc.filter(([utterance]) => !measured(utterance ?? '')), clinc.length);

const bitext = read('bitext-train.csv', 'utterance,intent,category');
const bitextKept = capPer(bitext.filter(([utterance]) => !measured(utterance ?? '')), ([, intent]) => intent ?? '', BITEXT_PER_INTENT);
write('bitext-train-sample.csv', ['utterance', 'intent', 'category'], bitextKept, bitext.length);

/** The assistant's acts as one of the contexts Clasp's own prompts have (see knowledge/reading/dialogue-acts.ts). */
const contextOf = (acts: string) =>
  acts.includes('CONFIRM') ? 'CONFIRM' : acts.includes('OFFER') ? 'OFFER' : acts.includes('REQUEST') ? 'REQUEST' : acts.includes('REQ_MORE') ? 'REQ_MORE' : 'INFORM';
const sgd = read('sgd-acts-train.csv', 'system,system_acts,user,act');
const sgdKept = capPer(
  sgd.filter(([, , user]) => !measured(user ?? '')),
  ([, acts, , act]) => `${contextOf(acts ?? '')} ${act}`,
  SGD_PER_CELL,
).map(([, acts, user, act]) => [acts ?? '', user ?? '', act ?? '']);
write('sgd-acts-train-sample.csv', ['system_acts', 'user', 'act'], sgdKept, sgd.length);

// Which catalog topic a Bitext intent is trained as: the first of the topics the measuring map
// accepts for it (the one a shopper asking it most wants first).
const intentMap = JSON.parse(readFileSync(`${evalDir}intent-map.json`, 'utf8')) as { intents: Record<string, string[]> };
const trainedAs = Object.fromEntries(Object.entries(intentMap.intents).map(([intent, topics]) => [intent, topics[0]]));
writeFileSync(`${target}bitext-intent-topics.json`, `${JSON.stringify(trainedAs, null, 2)}\n`);

for (const licence of ['LICENSE-CC-BY-3.0.txt', 'LICENSE-CDLA-Sharing-1.0.txt', 'LICENSE-CC-BY-SA-4.0.txt']) {
  copyFileSync(`${evalDir}${licence}`, `${target}${licence}`);
}
