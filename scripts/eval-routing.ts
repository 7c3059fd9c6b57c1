// Routing measurement, through the whole bot (each message a fresh conversation, the topic of the
// first reply as channelData.support carries it). Four figures, each with its bar:
//   - Bitext dev accuracy (../shared/eval/bitext-dev.csv; a topic is right when
//     ../shared/eval/intent-map.json lists it for the utterance's intent), bar --min (92%);
//   - CLINC dev out-of-scope rejection (../shared/eval/clinc-dev.csv, its out_of_scope lines
//     answered with topic out_of_scope), bar 90%;
//   - small-talk accuracy (its greeting, goodbye, thanks and help lines answered with that topic),
//     bar 90%;
//   - confident-wrong rate (its out_of_scope lines answered with any other topic at or above the
//     confidence threshold), bar at most 5%.
// Also accuracy per intent, the most frequent confusions, how the confidence threshold splits the
// messages, and the accuracy on the team's own phrase table (training-set accuracy; with --cv also
// 5-fold cross-validation). Exits 1 when a figure misses its bar; skips with a message, exit 0,
// where ../shared/eval is absent. The knowledge-base coverage bar is npm run eval:kb's.
//
//   npx tsx scripts/eval-routing.ts [--engine nlp|fuse|combined] [--phrases-only] [--cv] [--min <pct>]
//
// The dev utterances are for measuring only: nothing here copies them or trains on them.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { isTopic, type Topic } from '../knowledge/topics.js';
import {
  CONFIDENCE_THRESHOLD,
  DEFAULT_ENGINE,
  ENGINES,
  TOPIC_EXAMPLES,
  TOPIC_PHRASES,
  createRecognizer,
  expandExamples,
  type Engine,
  misspelledPhrases,
  type Recognizer,
  type TopicExampleTable,
  type TopicExamples,
} from '../knowledge/understanding/index.js';
import { createBotFirstReply } from './bot-first-reply.js';
import { parseCsv } from '../knowledge/csv.js';

const DEFAULT_BAR = 92;
const OUT_OF_SCOPE_BAR = 90;
const SMALL_TALK_BAR = 90;
const CONFIDENT_WRONG_BAR = 5;
const SMALL_TALK_LABELS: ReadonlySet<string> = new Set(['greeting', 'goodbye', 'thanks', 'help']);
const CONFUSIONS_SHOWN = 15;
const FOLDS = 5;


const IntentMap = z.object({ intents: z.record(z.string(), z.array(z.string()).nonempty()) });

interface Row {
  utterance: string;
  intent: string;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string', default: DEFAULT_ENGINE },
      'phrases-only': { type: 'boolean', default: false },
      cv: { type: 'boolean', default: false },
      min: { type: 'string', default: String(DEFAULT_BAR) },
    },
  });
  const engine = values.engine;
  if (!isEngine(engine)) throw new Error(`--engine must be one of ${ENGINES.join(', ')}; got "${engine}"`);
  const bar = Number(values.min);
  if (!Number.isFinite(bar) || bar < 0 || bar > 100) throw new Error(`--min must be a percentage; got "${values.min}"`);

  if (values['phrases-only']) {
    await measurePhraseTable(engine, true);
    return 0;
  }

  const evalDir = fileURLToPath(new URL('../../shared/eval/', import.meta.url));
  const csvPath = `${evalDir}bitext-dev.csv`;
  const mapPath = `${evalDir}intent-map.json`;
  if (!existsSync(csvPath) || !existsSync(mapPath)) {
    console.log('eval-routing: skipped: ../shared/eval (bitext-dev.csv, intent-map.json) is not present next to');
    console.log('this project, so there is nothing to measure here. CI provides it.');
    return 0;
  }
  const rows = readRows(csvPath);
  const expected = readIntentMap(mapPath);

  const startedAt = performance.now();
  const recognizer = await createRecognizer({ engine });
  const startupMs = performance.now() - startedAt;
  // Each utterance goes through the whole bot in this process, in a fresh conversation: the
  // topic counted is the one the shopper's first reply carries in channelData.support.
  const bot = await createBotFirstReply(recognizer);

  const perIntent = new Map<string, { correct: number; total: number }>();
  const confusions = new Map<string, number>();
  const durations: number[] = [];
  // How the recognizer's confidence splits the messages: above the threshold the bot acts, below
  // it offers the three likeliest topics.
  const byConfidence = { above: { correct: 0, total: 0 }, below: { correct: 0, total: 0, offered: 0 } };
  let correct = 0;
  let measured = 0;
  for (const { utterance, intent } of rows) {
    const accepted = expected.get(intent);
    if (!accepted) continue;
    const before = performance.now();
    const { topic } = await bot.firstReplyTopic(utterance);
    durations.push(performance.now() - before);
    const ok = accepted.has(topic);
    measured += 1;
    if (ok) correct += 1;
    const tally = perIntent.get(intent) ?? { correct: 0, total: 0 };
    tally.total += 1;
    if (ok) tally.correct += 1;
    perIntent.set(intent, tally);
    if (!ok) confusions.set(`${intent} → ${topic}`, (confusions.get(`${intent} → ${topic}`) ?? 0) + 1);

    const understanding = await recognizer.recognize(utterance);
    const understood = accepted.has(understanding.topic);
    const side = understanding.confidence >= CONFIDENCE_THRESHOLD ? byConfidence.above : byConfidence.below;
    side.total += 1;
    if (understood) side.correct += 1;
    if (side === byConfidence.below && understanding.ranked.slice(0, 3).some((choice) => accepted.has(choice.topic))) {
      byConfidence.below.offered += 1;
    }
  }
  // CLINC150's validation lines: other domains and small talk.
  const clincPath = `${evalDir}clinc-dev.csv`;
  const clinc = existsSync(clincPath) ? readClincRows(clincPath) : [];
  const scope = { outOfScope: 0, rejected: 0, confidentWrong: 0, smallTalk: 0, smallTalkRight: 0 };
  const wrongTopics = new Map<string, number>();
  for (const { utterance, expected: label } of clinc) {
    const { topic, confidence = 0 } = await bot.firstReplyTopic(utterance);
    if (label === 'out_of_scope') {
      scope.outOfScope += 1;
      if (topic === 'out_of_scope') scope.rejected += 1;
      else {
        if (confidence >= CONFIDENCE_THRESHOLD) scope.confidentWrong += 1;
        wrongTopics.set(topic, (wrongTopics.get(topic) ?? 0) + 1);
      }
    } else if (SMALL_TALK_LABELS.has(label)) {
      scope.smallTalk += 1;
      if (topic === label) scope.smallTalkRight += 1;
    }
  }
  await bot.close();
  const skipped = rows.length - measured;
  const accuracy = percent(correct, measured);

  console.log(`Routing measurement: engine ${engine}, ${measured} utterances of ../shared/eval/bitext-dev.csv`);
  if (skipped > 0) console.log(`  (${skipped} rows skipped: their intent is not in intent-map.json)`);
  console.log(`Recognizer start-up (training): ${startupMs.toFixed(0)} ms`);
  console.log(`Per message (first reply topic): median ${quantile(durations, 0.5).toFixed(3)} ms, p95 ${quantile(durations, 0.95).toFixed(3)} ms`);
  console.log('');
  const rejection = percent(scope.rejected, scope.outOfScope);
  const smallTalk = percent(scope.smallTalkRight, scope.smallTalk);
  const confidentWrong = percent(scope.confidentWrong, scope.outOfScope);
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const clincMissing = clinc.length === 0;
  console.log(`Bitext dev accuracy: ${accuracy.toFixed(2)}% (${correct}/${measured}), bar ${bar}%: ${verdict(accuracy >= bar)}`);
  if (clincMissing) console.log('CLINC dev figures: skipped, ../shared/eval/clinc-dev.csv is not present');
  else {
    console.log(`CLINC dev out-of-scope rejection: ${rejection.toFixed(2)}% (${scope.rejected}/${scope.outOfScope}), bar ${OUT_OF_SCOPE_BAR}%: ${verdict(rejection >= OUT_OF_SCOPE_BAR)}`);
    console.log(`Small-talk accuracy (CLINC dev): ${smallTalk.toFixed(2)}% (${scope.smallTalkRight}/${scope.smallTalk}), bar ${SMALL_TALK_BAR}%: ${verdict(smallTalk >= SMALL_TALK_BAR)}`);
    console.log(
      `Confident-wrong rate (out-of-scope lines answered with another topic at confidence >= ${CONFIDENCE_THRESHOLD}): ${confidentWrong.toFixed(2)}% ` +
        `(${scope.confidentWrong}/${scope.outOfScope}), bar at most ${CONFIDENT_WRONG_BAR}%: ${verdict(confidentWrong <= CONFIDENT_WRONG_BAR)}`,
    );
    console.log(`  out-of-scope lines not rejected, by topic: ${[...wrongTopics].sort((a, b) => b[1] - a[1]).map(([topic, n]) => `${topic} ${n}`).join(', ') || 'none'}`);
  }
  const { above, below } = byConfidence;
  console.log(
    `Recognizer confidence threshold ${CONFIDENCE_THRESHOLD}: ${percent(below.total, above.total + below.total).toFixed(1)}% of messages below it ("Did you mean…"); ` +
      `top topic right for ${percent(above.correct, above.total).toFixed(1)}% above and ${percent(below.correct, below.total).toFixed(1)}% below, ` +
      `a right topic among the 3 offered for ${percent(below.offered, below.total).toFixed(1)}% below`,
  );
  console.log('');
  console.log('Accuracy per intent:');
  for (const [intent, tally] of [...perIntent].sort((a, b) => a[1].correct / a[1].total - b[1].correct / b[1].total)) {
    console.log(`  ${intent.padEnd(26)} ${percent(tally.correct, tally.total).toFixed(1).padStart(5)}%  (${tally.correct}/${tally.total})`);
  }
  console.log('');
  console.log('Most frequent confusions (intent → topic of the first reply):');
  for (const [pair, count] of [...confusions].sort((a, b) => b[1] - a[1]).slice(0, CONFUSIONS_SHOWN)) {
    console.log(`  ${String(count).padStart(5)}  ${pair}`);
  }
  console.log('');
  await measurePhraseTable(engine, values.cv);
  const passed =
    accuracy >= bar && (clincMissing || (rejection >= OUT_OF_SCOPE_BAR && smallTalk >= SMALL_TALK_BAR && confidentWrong <= CONFIDENT_WRONG_BAR));
  return passed ? 0 : 1;
}

/**
 * The team's own phrase table: training-set accuracy (each phrase classified by the recognizer
 * trained on all of them) and, with `crossValidate`, 5-fold cross-validation over the written
 * examples (each held-out phrase, task or subject classified by a recognizer trained without it).
 */
async function measurePhraseTable(engine: Engine, crossValidate: boolean): Promise<void> {
  const recognizer = await createRecognizer({ engine });
  let correct = 0;
  let total = 0;
  for (const [topic, phrases] of Object.entries(TOPIC_PHRASES)) {
    for (const phrase of phrases) {
      total += 1;
      if ((await recognizer.recognize(phrase)).topic === topic) correct += 1;
    }
  }
  console.log(`Phrase table, training-set accuracy (each of its phrases classified after training on all): ${percent(correct, total).toFixed(2)}% (${correct}/${total})`);
  if (!crossValidate) return;

  let heldOutCorrect = 0;
  let heldOut = 0;
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const training: Record<string, TopicExamples> = {};
    const testing: Array<[string, string]> = [];
    for (const [topic, examples] of Object.entries(TOPIC_EXAMPLES) as Array<[string, TopicExamples]>) {
      const keep = (items: readonly string[] | undefined, kind: string) =>
        (items ?? []).filter((item, index) => {
          const inFold = (index + kind.length) % FOLDS === fold;
          if (inFold) testing.push([topic, item]);
          return !inFold;
        });
      training[topic] = {
        phrases: keep(examples.phrases, 'phrases'),
        tasks: keep(examples.tasks, 'tasks'),
        subjects: keep(examples.subjects, 'subjects'),
        typos: keep(examples.typos, 'typos'),
      };
    }
    const foldTable = training as TopicExampleTable;
    const foldRecognizer = await createRecognizer({
      engine,
      phrases: expandExamples(foldTable),
      misspelled: misspelledPhrases(foldTable),
    });
    for (const [topic, item] of testing) {
      heldOut += 1;
      if ((await foldRecognizer.recognize(item)).topic === topic) heldOutCorrect += 1;
    }
  }
  console.log(`Phrase table, ${FOLDS}-fold cross-validation (held-out examples): ${percent(heldOutCorrect, heldOut).toFixed(2)}% (${heldOutCorrect}/${heldOut})`);
}

/** The named columns of a CSV file's rows, rows with an empty one left out. */
function readColumns<K extends string>(path: string, columns: readonly K[]): Array<Record<K, string>> {
  const [header, ...records] = parseCsv(readFileSync(path, 'utf8'));
  const at = columns.map((column) => header?.indexOf(column) ?? -1);
  if (at.some((index) => index < 0)) throw new Error(`${path}: expected the columns ${columns.join(', ')}`);
  return records
    .map((record) => Object.fromEntries(columns.map((column, i) => [column, record[at[i] ?? -1] ?? ''])) as Record<K, string>)
    .filter((row) => columns.every((column) => row[column].trim() !== ''));
}

function readRows(path: string): Row[] {
  return readColumns(path, ['utterance', 'intent'] as const);
}

function readClincRows(path: string): Array<{ utterance: string; expected: string }> {
  return readColumns(path, ['utterance', 'expected'] as const);
}

function readIntentMap(path: string): Map<string, ReadonlySet<Topic>> {
  const { intents } = IntentMap.parse(JSON.parse(readFileSync(path, 'utf8')));
  const map = new Map<string, ReadonlySet<Topic>>();
  for (const [intent, topics] of Object.entries(intents)) {
    const unknown = topics.filter((topic) => !isTopic(topic));
    if (unknown.length > 0) throw new Error(`${path}: intent "${intent}" lists unknown topics: ${unknown.join(', ')}`);
    map.set(intent, new Set(topics.filter(isTopic)));
  }
  return map;
}

function isEngine(value: string): value is Engine {
  return (ENGINES as readonly string[]).includes(value);
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : (100 * part) / whole;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`eval-routing: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
