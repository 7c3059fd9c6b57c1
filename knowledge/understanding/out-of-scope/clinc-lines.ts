// The CLINC150 training lines kept beside this file (README.md there: source, licence, changes),
// read once at start-up: questions of other domains for the out-of-scope gate, and small talk.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../../csv.js';

export type ClincSmallTalk = 'greeting' | 'goodbye' | 'thanks' | 'help';

export interface ClincLines {
  outOfScope: readonly string[];
  smallTalk: Readonly<Record<ClincSmallTalk, readonly string[]>>;
}

const FILE = fileURLToPath(new URL('./clinc150-train.csv', import.meta.url));
const SMALL_TALK: readonly ClincSmallTalk[] = ['greeting', 'goodbye', 'thanks', 'help'];

let loaded: ClincLines | undefined;

/** The kept lines, parsed on first use; a line with an unknown label stops start-up. */
export function clincLines(): ClincLines {
  if (loaded) return loaded;
  const [header, ...rows] = parseCsv(readFileSync(FILE, 'utf8'));
  if (header?.join(',') !== 'utterance,expected,clinc_intent') throw new Error(`${FILE}: unexpected columns`);
  const outOfScope: string[] = [];
  const smallTalk: Record<ClincSmallTalk, string[]> = { greeting: [], goodbye: [], thanks: [], help: [] };
  rows.forEach(([utterance = '', expected = ''], index) => {
    if (expected === 'out_of_scope') outOfScope.push(utterance);
    else if ((SMALL_TALK as readonly string[]).includes(expected)) smallTalk[expected as ClincSmallTalk].push(utterance);
    else throw new Error(`${FILE}: row ${index + 2} has the label "${expected}"`);
  });
  loaded = { outOfScope, smallTalk };
  return loaded;
}
