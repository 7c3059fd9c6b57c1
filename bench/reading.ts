// The Reading step on its own: what reading one message costs, outside any server, in CPU time,
// for messages it has never seen (its memo off) and for the same words again (memo on), and the
// worst message a shopper may send (2,000 characters packed with questions). Run in the bench's
// own process after the servers have stopped, so nothing competes for the CPU.
import { readSavedModels } from '../bot/reading-models.store.js';
import { loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import { createMessageReader, type MessageReader } from '../knowledge/reading/read-message.js';
import type { ReadingContext } from '../knowledge/reading/reading.types.js';
import { loadReadingModels, trainReadingModels } from '../knowledge/reading/reading-models.js';
import { recognizerThread } from '../bot/recognizer-thread.js';
import { createRecognizers } from '../knowledge/reading/recognizers.js';
import { contextOf } from '../test/support/reading.js';
import { percentile } from './load.js';
import { scatteredQuestion, uniqueQuestion } from './unique-questions.js';

/**
 * Shopper messages written for the bench (not taken from the routing measurement's data): every
 * kind of thing a jewelry store's support chat reads, short and long, tidy and not.
 */
export const SHOPPER_MESSAGES: readonly string[] = [
  // refunds
  'when will I get my money back',
  'I sent a bracelet back two weeks ago and still no refund',
  'how many days until the refund shows up on my card?',
  'can I get a refund on an engraved pendant',
  'refund status please',
  // shipping
  'how much is shipping',
  'would you send a bracelet to an address in Canada?',
  'how fast is standard delivery',
  'is shipping free on small orders',
  'will I pay customs fees on an order to the UK',
  // tracking, with and without an order number
  'where is my order KS-100234',
  'track KS-100234 please',
  "my package still hasn't come, order number KS-100234",
  'can you check on order JAM-204811 for me',
  'it says delivered but there is nothing at my door',
  // returns and exchanges
  "how do I send back earrings that don't suit me",
  "what's the deadline to return something",
  'can I return a necklace I wore once',
  'who pays for the return label',
  'the ring I got is too small, can I swap it for a bigger size',
  'are final sale items returnable',
  // care and repair
  'how should I store sterling silver so it does not tarnish',
  'my gold plated chain is turning my neck green',
  'is it ok to shower with my bracelet on',
  'do you fix broken clasps',
  "what's the best way to polish a charm",
  // hours
  'what time does customer service open',
  'are you open on weekends?',
  'can I reach anyone on a Saturday',
  'what are your support hours over the holidays',
  // a person
  'I want to talk to a real person',
  'can I speak with an agent please',
  "this isn't helping, get me a human",
  'how do I email your support team',
  "it's urgent, my order arrived damaged",
  // privacy
  'do you sell my personal information',
  'please delete the data you have on me',
  // small talk
  'hi',
  'hello there',
  'thanks so much!',
  'ok bye',
  'what can you do',
  'good morning',
  // out of scope
  'do you sell watches',
  'will it be cold enough to snow on friday',
  // long and rambling: read passage by passage
  "so I ordered a pair of hoop earrings for my sister's birthday last month and the box showed up kind of crushed and one of the hoops is bent, I'm not really sure if I should send it back or what, can you help me figure out what to do",
  "hey, sorry this is a long one, I bought a charm bracelet as a gift and it turns out my mom already has the exact same one so I'd like to exchange it for something else or just get my money back if that is easier for you guys",
];

export interface ReadingFigures {
  /**
   * Messages of which no two are alike, memo off: CPU µs per read (the median of `uniqueRounds`
   * rounds, and the cheapest and dearest round), and wall-clock percentiles.
   */
  uniqueSamples: number;
  uniqueRounds: number;
  uniqueCpuMicros: number;
  uniqueCpuRange: [number, number];
  uniqueMedianMicros: number;
  uniqueP99Micros: number;
  /** The bench's shopper messages at prompts (email, order number, the summary), memo off. */
  promptCpuMicros: number;
  /** The same short message again, memo on. */
  hitMedianMicros: number;
  /** The worst message a shopper may send: 2,000 characters of questions. */
  worstCpuMicros: number;
  /** A normal turn's reading, for comparison: the median of the unique messages. */
  loadMs: number;
}

/** CPU time of `run`, in microseconds per call, over `calls` calls. */
async function cpuMicros(calls: number, run: (n: number) => Promise<unknown>): Promise<number> {
  const started = process.cpuUsage();
  for (let n = 0; n < calls; n += 1) await run(n);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / calls;
}

const PROMPTS: ReadonlyArray<Partial<ReadingContext>> = [
  { awaiting: 'email', flow: 'tracking', lastTopic: 'order.tracking' },
  { awaiting: 'orderNumber', flow: 'returns', lastTopic: 'returns.start' },
  { awaiting: 'confirm', flow: 'handoff', lastTopic: 'handoff.human' },
  { awaiting: 'confirm', flow: null, lastTopic: 'shipping.problem' },
];

/** A 2,000-character message of questions: what one message can cost at most. */
export function worstMessage(): string {
  let text = '';
  for (let n = 0; text.length < 2_000; n += 1) text += `${uniqueQuestion(n * 7919)} and `;
  return text.slice(0, 2_000);
}

export async function measureReading(): Promise<ReadingFigures> {
  const loadStarted = performance.now();
  const kb = loadKnowledgeBase({ brandsDir: process.env.BRANDS_DIR });
  const recognizers = createRecognizers(recognizerThread);
  const models = loadReadingModels(readSavedModels('var/cache') ?? trainReadingModels({ knowledge: kb, recognizers }));
  const loadMs = performance.now() - loadStarted;
  await recognizers.warmUp();
  const memoOff: MessageReader = createMessageReader({ models, knowledge: kb, recognizers, memoSize: 0 });
  const memoOn: MessageReader = createMessageReader({ models, knowledge: kb, recognizers });
  const context = (n: number, fields: Partial<ReadingContext> = {}): ReadingContext => contextOf({ brand: kb.brandIds[n % kb.brandIds.length]!, ...fields });

  // Warm up: let V8 optimise every path before timing it.
  for (let n = 0; n < 3_000; n += 1) await memoOff.read(scatteredQuestion(n), context(n));
  for (const [n, text] of SHOPPER_MESSAGES.entries()) for (const fields of PROMPTS) await memoOff.read(text, context(n, fields));

  // In rounds: on a shared machine one round can run at half speed while another tenant works,
  // and the median round is what reading costs, the range how much the machine wandered. The
  // messages are taken in scattered order, so every round reads the same mix of openers,
  // questions and closings (some cost more to read than others).
  const rounds = 10;
  const perRound = 2_000;
  const offset = 10_000;
  const roundMicros: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const first = offset + round * perRound;
    roundMicros.push(await cpuMicros(perRound, (n) => memoOff.read(scatteredQuestion(first + n), context(n))));
  }
  const sortedRounds = Float64Array.from(roundMicros).sort();
  const times: number[] = [];
  for (let n = 0; n < 5_000; n += 1) {
    const started = performance.now();
    await memoOff.read(scatteredQuestion(offset + rounds * perRound + n), context(n));
    times.push((performance.now() - started) * 1000);
  }
  const ordered = Float64Array.from(times).sort();
  const promptTexts = SHOPPER_MESSAGES.flatMap((text, n) => PROMPTS.map((fields) => ({ text, fields, n })));
  const promptCpuMicros = await cpuMicros(promptTexts.length * 5, (n) => {
    const { text, fields } = promptTexts[n % promptTexts.length]!;
    return memoOff.read(text, context(n, fields));
  });
  const hits: number[] = [];
  for (const [n, text] of SHOPPER_MESSAGES.entries()) {
    await memoOn.read(text, context(n));
    const started = performance.now();
    await memoOn.read(text, context(n));
    hits.push((performance.now() - started) * 1000);
  }
  const worst = worstMessage();
  const worstCpuMicros = await cpuMicros(20, () => memoOff.read(worst, context(0)));
  return {
    uniqueSamples: rounds * perRound,
    uniqueRounds: rounds,
    uniqueCpuMicros: percentile(sortedRounds, 50),
    uniqueCpuRange: [sortedRounds[0] ?? 0, sortedRounds[rounds - 1] ?? 0],
    uniqueMedianMicros: percentile(ordered, 50),
    uniqueP99Micros: percentile(ordered, 99),
    promptCpuMicros,
    hitMedianMicros: percentile(Float64Array.from(hits).sort(), 50),
    worstCpuMicros,
    loadMs,
  };
}
