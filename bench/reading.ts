// The understanding step on its own: what one recognize() call costs, outside any server, with
// the recognizer's memo off (every call classifies) and on (the same words a second time).
// Run in the bench's own process after the servers have stopped, so nothing competes for the CPU.
import { BRAND_PROFILES } from '../knowledge/brands/index.js';
import { BRAND_IDS } from '../knowledge/brand-ids.js';
import { loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import { TOPIC_PHRASES } from '../knowledge/understanding/phrases/index.js';
import { CONFIDENCE_THRESHOLD, createRecognizer } from '../knowledge/understanding/recognizer.js';
import { createQuestionResolver } from '../knowledge/understanding/resolve-question.js';
import type { Recognizer } from '../knowledge/understanding/understanding.types.js';
import { percentile } from './load.js';
import { uniqueQuestion } from './unique-questions.js';

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

export interface UnderstandingFigures {
  messages: number;
  /** Memo off: every call classifies. */
  missMedianMs: number;
  missP99Ms: number;
  missSamples: number;
  /** Memo off, the long (30+ word) messages alone: they are what the p99 is made of. */
  longMedianMs: number;
  /** Default recognizer, the same short message a second time. */
  hitMedianMs: number;
  hitSamples: number;
  /** Training both recognizers, which the timings do not include. */
  trainMs: number;
  /** Messages of which no two are alike, each recognized (memo on, never hit) and resolved for a brand. */
  uniqueSamples: number;
  uniqueMedianMs: number;
  uniqueP99Ms: number;
  uniqueMeanMs: number;
  uniqueRecognizeMedianMs: number;
  uniqueResolveMedianMs: number;
}

/** What the understanding step costs a message no memo has seen: recognize, then resolve for its brand. */
async function measureUnique(recognizer: Recognizer, warmup: number, samples: number) {
  const kb = loadKnowledgeBase({ profiles: BRAND_PROFILES });
  const resolver = createQuestionResolver(kb, TOPIC_PHRASES, CONFIDENCE_THRESHOLD);
  const whole: number[] = [];
  const recognizing: number[] = [];
  const resolving: number[] = [];
  for (let n = 0; n < warmup + samples; n += 1) {
    const text = uniqueQuestion(n);
    const brand = BRAND_IDS[n % BRAND_IDS.length]!;
    const started = performance.now();
    const understanding = await recognizer.recognize(text);
    const recognized = performance.now();
    resolver.resolve(brand, text, understanding);
    const resolved = performance.now();
    if (n < warmup) continue;
    whole.push(resolved - started);
    recognizing.push(recognized - started);
    resolving.push(resolved - recognized);
  }
  const wholeSorted = sorted(whole);
  return {
    uniqueSamples: samples,
    uniqueMedianMs: percentile(wholeSorted, 50),
    uniqueP99Ms: percentile(wholeSorted, 99),
    uniqueMeanMs: whole.reduce((sum, value) => sum + value, 0) / whole.length,
    uniqueRecognizeMedianMs: percentile(sorted(recognizing), 50),
    uniqueResolveMedianMs: percentile(sorted(resolving), 50),
  };
}

async function timeCall(recognizer: Recognizer, text: string): Promise<number> {
  const started = performance.now();
  await recognizer.recognize(text);
  return performance.now() - started;
}

/** Well below the length from which the recognizer stops remembering (20 normalized words). */
const SHORT_MESSAGE_WORDS = 15;
const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;
const sorted = (samples: number[]) => Float64Array.from(samples).sort();

export async function measureUnderstanding(options: { warmupRounds?: number; rounds?: number } = {}): Promise<UnderstandingFigures> {
  const warmupRounds = options.warmupRounds ?? 5;
  const rounds = options.rounds ?? 40;
  const trainStarted = performance.now();
  const memoOff = await createRecognizer({ memoSize: 0 });
  const memoOn = await createRecognizer();
  const trainMs = performance.now() - trainStarted;

  // Warm up: let V8 optimise the recognizer's code on every kind of message before timing it.
  for (let round = 0; round < warmupRounds; round++) {
    for (const text of SHOPPER_MESSAGES) {
      await memoOff.recognize(text);
      await memoOn.recognize(text);
    }
  }

  const misses: number[] = [];
  const longs: number[] = [];
  const hits: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const text of SHOPPER_MESSAGES) {
      const miss = await timeCall(memoOff, text);
      misses.push(miss);
      if (wordCount(text) >= 30) longs.push(miss);
      // Each message a first time (now remembered) and then timed a second time: a memo hit.
      // Long messages are never remembered (they are read passage by passage every time).
      if (wordCount(text) > SHORT_MESSAGE_WORDS) continue;
      await memoOn.recognize(text);
      hits.push(await timeCall(memoOn, text));
    }
  }
  const unique = await measureUnique(memoOn, 5_000, 20_000);
  const missSorted = sorted(misses);
  const hitSorted = sorted(hits);
  return {
    messages: SHOPPER_MESSAGES.length,
    missMedianMs: percentile(missSorted, 50),
    missP99Ms: percentile(missSorted, 99),
    missSamples: misses.length,
    longMedianMs: percentile(sorted(longs), 50),
    hitMedianMs: percentile(hitSorted, 50),
    hitSamples: hits.length,
    trainMs,
    ...unique,
  };
}
