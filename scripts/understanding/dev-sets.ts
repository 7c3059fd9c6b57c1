// The measuring sets of ../shared/eval, read for measuring only: nothing here trains on them or
// copies them. Bitext and CLINC150 lines go through the whole bot, each in a fresh conversation
// (the topic of the first reply, as channelData.support carries it); the SGD replies go through
// the Reading step in the context the assistant's acts describe.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseCsv } from '../../knowledge/csv.js';
import type { MessageReader } from '../../knowledge/reading/read-message.js';
import type { ReadingContext } from '../../knowledge/reading/reading.types.js';
import { actContexts, likeliest, type ReadingModels } from '../../knowledge/reading/reading-models.js';
import { READING_SETTINGS } from '../../knowledge/reading/reading-settings.js';
import type { Recognizers } from '../../knowledge/reading/recognizers.js';
import { tokens } from '../../knowledge/reading/learning/text-features.js';
import { contextOfActs } from '../../knowledge/reading/training-data.js';
import type { BotFirstReply } from '../bot-first-reply.js';
import { share } from './cross-validated.js';

export const EVAL_DIR = fileURLToPath(new URL('../../../shared/eval/', import.meta.url));

export function devSetsPresent(): boolean {
  return ['bitext-dev.csv', 'clinc-dev.csv', 'sgd-acts-dev.csv', 'intent-map.json'].every((name) => existsSync(`${EVAL_DIR}${name}`));
}

function rows(name: string, columns: readonly string[]): Array<Record<string, string>> {
  const [header, ...records] = parseCsv(readFileSync(`${EVAL_DIR}${name}`, 'utf8'));
  const at = columns.map((column) => header?.indexOf(column) ?? -1);
  if (at.some((index) => index < 0)) throw new Error(`${name}: expected the columns ${columns.join(', ')}`);
  return records
    .map((record) => Object.fromEntries(columns.map((column, i) => [column, record[at[i] ?? -1] ?? ''])))
    .filter((row) => columns.every((column) => (row[column] ?? '').trim() !== ''));
}

const IntentMap = z.object({ intents: z.record(z.string(), z.array(z.string()).nonempty()) });

export interface TopicFigures {
  bitext: { right: number; total: number };
  outOfScope: { rejected: number; confidentWrong: number; total: number };
  smallTalk: { right: number; total: number };
  /** Most frequent wrong first replies, "intent → topic". */
  confusions: Array<[string, number]>;
}

const SMALL_TALK = new Set(['greeting', 'goodbye', 'thanks', 'help']);

/** Bitext and CLINC150 dev lines through the whole bot. */
export async function topicFigures(bot: BotFirstReply): Promise<TopicFigures> {
  const accepted = new Map(Object.entries(IntentMap.parse(JSON.parse(readFileSync(`${EVAL_DIR}intent-map.json`, 'utf8'))).intents).map(([intent, topics]) => [intent, new Set(topics)]));
  const figures: TopicFigures = { bitext: { right: 0, total: 0 }, outOfScope: { rejected: 0, confidentWrong: 0, total: 0 }, smallTalk: { right: 0, total: 0 }, confusions: [] };
  const confusions = new Map<string, number>();
  for (const { utterance = '', intent = '' } of rows('bitext-dev.csv', ['utterance', 'intent'])) {
    const topics = accepted.get(intent);
    if (topics === undefined) continue;
    const { topic } = await bot.firstReplyTopic(utterance);
    figures.bitext.total += 1;
    if (topics.has(topic)) figures.bitext.right += 1;
    else confusions.set(`${intent} → ${topic}`, (confusions.get(`${intent} → ${topic}`) ?? 0) + 1);
  }
  for (const { utterance = '', expected = '' } of rows('clinc-dev.csv', ['utterance', 'expected'])) {
    const { topic, confidence = 0 } = await bot.firstReplyTopic(utterance);
    if (expected === 'out_of_scope') {
      figures.outOfScope.total += 1;
      if (topic === 'out_of_scope') figures.outOfScope.rejected += 1;
      else if (confidence >= READING_SETTINGS.topicConfidence) figures.outOfScope.confidentWrong += 1;
    } else if (SMALL_TALK.has(expected)) {
      figures.smallTalk.total += 1;
      if (topic === expected) figures.smallTalk.right += 1;
    }
  }
  figures.confusions = [...confusions].sort((a, b) => b[1] - a[1]);
  return figures;
}

export interface ActFigures {
  perAct: Map<string, { right: number; total: number }>;
  /** Replies right after an offer or a confirmation, labelled a plain yes or no, that the Reading step takes as that. */
  yes: { right: number; total: number };
  no: { right: number; total: number };
}

/** SGD's dev replies: the dialogue-act model's label per act, and the Reading step's yes and no after an offer. */
export async function actFigures(models: ReadingModels, recognizers: Pick<Recognizers, 'yesNo'>, reader: MessageReader, context: (fields: Partial<ReadingContext>) => ReadingContext): Promise<ActFigures> {
  const figures: ActFigures = { perAct: new Map(), yes: { right: 0, total: 0 }, no: { right: 0, total: 0 } };
  for (const { system_acts: acts = '', user = '', act = '' } of rows('sgd-acts-dev.csv', ['system_acts', 'user', 'act'])) {
    const botSaid = contextOfActs(acts);
    const read = likeliest(models.act, tokens(user), actContexts(botSaid, user, recognizers));
    const tally = figures.perAct.get(act) ?? { right: 0, total: 0 };
    tally.total += 1;
    if (read.label === act) tally.right += 1;
    figures.perAct.set(act, tally);
    if ((botSaid === 'OFFER' || botSaid === 'CONFIRM') && (act === 'affirm' || act === 'deny')) {
      const reading = await reader.read(user, context({ awaiting: 'confirm', flow: botSaid === 'CONFIRM' ? 'handoff' : null }));
      const first = reading.commands[0]?.command.kind;
      const side = act === 'affirm' ? figures.yes : figures.no;
      side.total += 1;
      if (first === act) side.right += 1;
    }
  }
  return figures;
}

export { share };
