// Shopper text → one catalog topic with a confidence, the likeliest alternatives and the entities.
// Trained at start-up from the team's phrase table; no I/O, no clock.
import { createHash } from 'node:crypto';
import { DEFAULT_POLICIES_DIR, readPolicyDocuments } from '../documents/policy-documents.js';
import { TOPICS, isTopic, type Topic } from '../topics.js';
import { extractEntities } from './entities.js';
import { createFuseMatcher, type TopicMatcher } from './fuse-matcher.js';
import { STOPWORDS, trainNlpClassifier, type Example, type TopicClassifier } from './nlp-classifier.js';
import { readLanguage } from './language.js';
import { createScopeGate } from './out-of-scope-gate.js';
import { clincLines } from './out-of-scope/clinc-lines.js';
import { MISSPELLED_PHRASES, TOPIC_PHRASES, type PhraseTable } from './phrases/index.js';
import { createTextNormalizer } from './text-normalizer.js';
import type { Recognizer, TopicScore, Understanding } from './understanding.types.js';
import { createRecentMemo } from './recent-memo.js';

/**
 * Below this confidence the bot offers the likeliest topics ("Did you mean…") instead of acting.
 * On the routing measurement (scripts/eval-routing.ts) about 5% of messages fall below it; the top
 * topic is right for ~94% of those above, and for ~90% of those below a right topic is among the
 * three offered. At 0.5 twice as many messages would stop at a question for a point of accuracy.
 */
export const CONFIDENCE_THRESHOLD = 0.45;

export const ENGINES = ['nlp', 'fuse', 'combined'] as const;
/** `nlp`: the NLP.js classifier alone; `fuse`: the fuse.js matcher alone; `combined`: both, blended. */
export type Engine = (typeof ENGINES)[number];
/** Bumped when what a cached model means changes (the classifier's settings beyond the key). */
const MODEL_FORMAT = 1;

/** The engine that measured best with scripts/eval-routing.ts. */
export const DEFAULT_ENGINE: Engine = 'combined';

export interface RecognizerOptions {
  engine?: Engine;
  /** The examples to train on; the team's phrase table by default. */
  phrases?: PhraseTable;
  /** Which of `phrases` are written with deliberate typos (their words are not vocabulary). */
  misspelled?: ReadonlySet<string>;
  /**
   * Questions of other domains (weather, flights, recipes…) that the out-of-scope gate learns
   * from; CLINC150's kept lines and the phrase table's out_of_scope phrases by default.
   */
  otherDomains?: readonly string[];
  /** Small talk besides the phrases' own, by kind; CLINC150's kept lines by default. */
  smallTalk?: Readonly<Record<'greeting' | 'goodbye' | 'thanks' | 'help', readonly string[]>>;
  /** Text of the store's own domain besides the phrases; the shipped policy documents by default. */
  domainText?: readonly string[];
  /** How many recent readings to remember (0: none); see `recognize`. */
  memoSize?: number;
  /**
   * Where trained models are kept between starts (the caller does the I/O): training takes most
   * of a second, loading the same model a few milliseconds. Keyed by everything training reads.
   */
  modelCache?: ModelCache;
}

export interface ModelCache {
  read(key: string): string | undefined;
  write(key: string, model: string): void;
}

/**
 * Shoppers repeat themselves: suggested actions send the same words on every click, and "yes",
 * "hi" and "where is my order" are most of what a support bot reads. Under load a classification
 * costs several times what it does alone (the model's tables fall out of the CPU cache between
 * messages), so the last readings of the same words are remembered.
 */
export const DEFAULT_MEMO_SIZE = 5_000;

/** How much the NLP.js classifier counts in the blend; the fuse.js matcher gets the rest. */
const NLP_WEIGHT = 0.25;
/** The classifier gets its full weight from this many meaningful words on. */
const NLP_FULL_WEIGHT_WORDS = 3;
/** What a topic one side did not score at all still gets, so the other side can carry it. */
const BLEND_FLOOR = 0.01;
/**
 * Scores are raised to this power before they become confidences (NLP.js squares its own scores
 * the same way): the blend is flat, and a confidence should separate a clear winner from a toss-up.
 */
const SHARPNESS = 2;
/** The network has all but converged after 100 rounds on this table; the cap bounds start-up time. */
const NLP_ITERATIONS = 100;
/** A word in the phrases of at least this share of topics is filler to the classifier. */
const WIDESPREAD_SHARE = 0.5;
const TELLING_WORDS: ReadonlySet<string> = new Set(['where', 'when', 'how', 'what', 'why', 'which', 'not']);
const SMALL_TALK: ReadonlySet<Topic> = new Set<Topic>(['greeting', 'help', 'thanks', 'goodbye']);
/**
 * A message with words beyond small talk ("hi, where is my order") is about those words: the
 * greeting, thanks or "help" in it are manners, damped. A message of at most this many words with
 * one word beyond small talk is damped less, and small talk is all there is to a message with none
 * ("what can you help me with").
 */
const SMALL_TALK_MAX_WORDS = 6;
const SMALL_TALK_DAMPING = 0.05;
/** A short message with one word beyond small talk ("hi, track my order") leans to that word. */
const SMALL_TALK_ASIDE = 0.15;
/** How much more a topic counts when the message is word for word one of its phrases. */
const VERBATIM_BOOST = 3;
type SmallTalkRole = 'only' | 'possible' | 'manners';
const RANKED = 5;
const SMALL_TALK_KINDS = ['greeting', 'goodbye', 'thanks', 'help'] as const;
/** Messages longer than this are also read passage by passage. */
const LONG_MESSAGE_WORDS = 20;
const PASSAGE_WORDS = 12;
const MIN_PASSAGE_WORDS = 3;

/** Trains the recognizer (a second or so on a laptop) and returns it ready to use. */
export async function createRecognizer(options: RecognizerOptions = {}): Promise<Recognizer> {
  const engine = options.engine ?? DEFAULT_ENGINE;
  const phrases = options.phrases ?? TOPIC_PHRASES;
  const misspelled = options.misspelled ?? MISSPELLED_PHRASES;
  const otherDomains = options.otherDomains ?? [...clincLines().outOfScope, ...phrases.out_of_scope];
  const domainText = options.domainText ?? policySentences();
  // More small talk for telling kinds of message apart (not for the topic classifiers: CLINC150's
  // "nice to talk to you" would pull "talk to a person" towards goodbye).
  const moreSmallTalk = options.smallTalk ?? clincLines().smallTalk;
  const normalizer = createTextNormalizer(
    Object.values(phrases).flat().filter((phrase) => !misspelled.has(phrase)),
    [...otherDomains, ...domainText, ...Object.values(moreSmallTalk).flat()],
  );
  // Training reads many texts more than once: each is normalized once.
  const trainingWords = new Map<string, string[]>();
  const wordsOfText = (text: string): string[] => {
    let words = trainingWords.get(text);
    if (words === undefined) {
      words = normalizer.words(text);
      trainingWords.set(text, words);
    }
    return words;
  };
  const examples = Object.entries(phrases).flatMap(([topic, list]) =>
    list.map((phrase) => ({ topic, text: wordsOfText(phrase).join(' ') })),
  );
  const wordLists = (list: Iterable<string>) => [...list].map(wordsOfText);
  // Small talk is short and there is little of it: each of its examples counts twice.
  const twice = <T,>(list: T[]) => [...list, ...list];
  const examplesOf = (wanted: (topic: string) => boolean) => examples.filter(({ topic }) => wanted(topic)).map(({ text }) => text.split(' '));
  const gate = createScopeGate({
    examples: {
      request: [...examplesOf((topic) => !SMALL_TALK.has(topic as Topic) && topic !== 'out_of_scope'), ...wordLists(domainText)],
      greeting: twice([...examplesOf((topic) => topic === 'greeting'), ...wordLists(moreSmallTalk.greeting)]),
      goodbye: twice([...examplesOf((topic) => topic === 'goodbye'), ...wordLists(moreSmallTalk.goodbye)]),
      thanks: twice([...examplesOf((topic) => topic === 'thanks'), ...wordLists(moreSmallTalk.thanks)]),
      help: twice([...examplesOf((topic) => topic === 'help'), ...wordLists(moreSmallTalk.help)]),
      other: wordLists(otherDomains),
    },
  });
  const filler = widespreadWords(examples, WIDESPREAD_SHARE);
  const stopwords = new Set(STOPWORDS);
  const nlpIgnores = new Set([...stopwords, ...filler]);
  const nlp = engine === 'fuse' ? undefined : await nlpClassifier(distinct(examples, nlpIgnores), filler, options.modelCache);
  const fuse = engine === 'nlp' ? undefined : createFuseMatcher(examples);
  const verbatim = new Map<string, Set<Topic>>();
  for (const { topic, text } of examples) {
    if (!isTopic(topic)) continue;
    const topics = verbatim.get(text) ?? new Set<Topic>();
    topics.add(topic);
    verbatim.set(text, topics);
  }
  // The team's own small talk, and the words of the rest that no other topic uses: "nice to talk
  // to you" must not make "talk to someone" small talk.
  const wordsOf = (table: PhraseTable, topics: Iterable<Topic>) => new Set([...topics].flatMap((topic) => table[topic].flatMap(wordsOfText)));
  const requestWords = wordsOf(phrases, TOPICS.filter((topic) => !SMALL_TALK.has(topic) && topic !== 'out_of_scope'));
  // Words as typed, before any correction (a Spanish "pedido" is no typo of English), from the
  // team's phrases and the documents only: other domains' questions include "how do you say gracias".
  const englishWords = new Set([...Object.values(phrases).flat(), ...domainText].flatMap(wordsOfText));
  const isEnglishWord = (word: string): boolean => englishWords.has(word);
  const smallTalkWords = new Set([
    ...wordsOf(phrases, SMALL_TALK),
    ...Object.values(moreSmallTalk).flat().flatMap(wordsOfText).filter((word) => !requestWords.has(word)),
  ]);
  /** How much small talk a message can be: nothing but, possibly, or only manners around a request. */
  const smallTalkRole = (words: readonly string[]): SmallTalkRole => {
    const content = words.filter((word) => normalizer.knows(word) && !smallTalkWords.has(word) && !stopwords.has(word));
    if (content.length === 0) return 'only';
    return content.length >= 2 || words.length > SMALL_TALK_MAX_WORDS ? 'manners' : 'possible';
  };

  /** Sharpened topic confidences for some words of a message, summing to 1 (empty: nothing known). */
  async function distribution(words: readonly string[], role: SmallTalkRole): Promise<Map<Topic, number>> {
    // A classifier that saw one meaningful word is a lookup of that word ("I want a refund" and
    // "my refund" both reach it as "refund"): the fewer it saw, the more the matcher, which also
    // weighs the words the classifier ignores, decides.
    const seen = words.filter((word) => !nlpIgnores.has(word)).length;
    const nlpWeight = NLP_WEIGHT * Math.min(1, seen / NLP_FULL_WEIGHT_WORDS);
    const text = words.join(' ');
    const scores = await score(text, nlp, fuse, nlpWeight);
    // A message that is word for word one of the team's phrases gets that phrase's topic.
    for (const topic of verbatim.get(text) ?? []) scores.set(topic, (scores.get(topic) ?? 0) * VERBATIM_BOOST);
    const chatty = (topic: Topic) => SMALL_TALK.has(topic) || topic === 'out_of_scope';
    const onlyChat = role === 'only' && [...scores].some(([topic, value]) => chatty(topic) && value > 0);
    for (const [topic, value] of scores) {
      let adjusted = value;
      if (onlyChat && !chatty(topic)) adjusted = 0;
      if (role === 'manners' && SMALL_TALK.has(topic)) adjusted *= SMALL_TALK_DAMPING;
      if (role === 'possible' && SMALL_TALK.has(topic)) adjusted *= SMALL_TALK_ASIDE;
      scores.set(topic, adjusted ** SHARPNESS);
    }
    return normalized(scores);
  }

  // Keyed by the normalized words: "Where's my order?" and "where is my order" are one reading.
  // Entities come from the raw text every time, so an order number never comes from the memo.
  const memoSize = options.memoSize ?? DEFAULT_MEMO_SIZE;
  const memo = createRecentMemo<Omit<Understanding, 'entities'>>(memoSize);

  return {
    memoSize: Math.max(0, memoSize),
    async recognize(text: string): Promise<Understanding> {
      const entities = extractEntities(text);
      const language = readLanguage(text, isEnglishWord);
      const languageField = language === undefined ? {} : { language };
      const words = normalizer.words(text);
      const key = words.join(' ');
      const known = words.length <= LONG_MESSAGE_WORDS ? memo.get(key) : undefined;
      if (known !== undefined) return { ...known, entities, ...languageField };
      const reading = await read(text, words);
      if (words.length <= LONG_MESSAGE_WORDS) memo.set(key, reading);
      return { ...reading, entities, ...languageField };
    },
  };

  async function read(text: string, words: string[]): Promise<Omit<Understanding, 'entities'>> {
    const scope = gate.read(words);
    const outOfDomain = scope.kinds.other;
    const smallTalk = SMALL_TALK_KINDS.map((topic) => ({ topic, likelihood: scope.kinds[topic] })).reduce((a, b) => (b.likelihood > a.likelihood ? b : a));
    const confidences = await distribution(words, smallTalkRole(words));
    if (words.length > LONG_MESSAGE_WORDS) {
      // In a long, rambling message the request usually sits in one sentence: each passage adds
      // its own view, the clearer ones louder than the chatter around them.
      for (const passage of passages(text)) {
        const passageWords = normalizer.words(passage);
        if (passageWords.length < MIN_PASSAGE_WORDS) continue;
        const view = await distribution(passageWords, 'manners');
        const clarity = Math.max(0, ...view.values()) ** 2;
        for (const [topic, value] of view) confidences.set(topic, (confidences.get(topic) ?? 0) + clarity * value);
      }
    }
    // Frozen: a remembered reading is handed to many turns.
    const ranked = [...normalized(confidences)]
      .map(([topic, confidence]) => Object.freeze({ topic, confidence }))
      .sort((a, b) => b.confidence - a.confidence)
      .slice(0, RANKED);
    const best = ranked[0];
    if (!best) return { topic: 'out_of_scope', confidence: 1, ranked: [Object.freeze({ topic: 'out_of_scope' as const, confidence: 1 })], outOfDomain, smallTalk };
    return { topic: best.topic, confidence: best.confidence, ranked, outOfDomain, smallTalk };
  }
}

/** Trained, or loaded from the cache when it holds a model trained on exactly these examples. */
async function nlpClassifier(examples: Example[], stopwords: string[], cache: ModelCache | undefined): Promise<TopicClassifier> {
  const settings = { stopwords, iterations: NLP_ITERATIONS };
  const key = createHash('sha256').update(JSON.stringify({ version: MODEL_FORMAT, settings, examples })).digest('hex').slice(0, 32);
  const cached = cache?.read(key);
  if (cached !== undefined) {
    try {
      return await trainNlpClassifier(examples, { ...settings, model: cached });
    } catch {
      // Unreadable: train afresh and replace it.
    }
  }
  const trained = await trainNlpClassifier(examples, settings);
  cache?.write(key, trained.exportModel());
  return trained;
}

async function score(
  text: string,
  nlp: TopicClassifier | undefined,
  fuse: TopicMatcher | undefined,
  nlpWeight: number,
): Promise<Map<Topic, number>> {
  const fromNlp = nlp ? await nlp.classify(text) : [];
  const fromFuse = fuse ? fuse.match(text) : [];
  // Alone, or when the other side knew no word of the message, one side decides.
  if (fromFuse.length === 0) return new Map(fromNlp.map(({ topic, confidence }) => [topic, confidence]));
  if (fromNlp.length === 0) return new Map(fromFuse.map(({ topic, confidence }) => [topic, confidence]));
  // Both: a weighted geometric mean, so a topic needs the support of both sides.
  const nlpScores = new Map(fromNlp.map(({ topic, confidence }) => [topic, confidence]));
  const fuseScores = new Map(fromFuse.map(({ topic, confidence }) => [topic, confidence]));
  const scores = new Map<Topic, number>();
  for (const topic of new Set([...nlpScores.keys(), ...fuseScores.keys()])) {
    const nlpScore = (nlpScores.get(topic) ?? 0) + BLEND_FLOOR;
    const fuseScore = (fuseScores.get(topic) ?? 0) + BLEND_FLOOR;
    scores.set(topic, nlpScore ** nlpWeight * fuseScore ** (1 - nlpWeight));
  }
  return scores;
}

function normalized(scores: Map<Topic, number>): Map<Topic, number> {
  const total = [...scores.values()].reduce((sum, value) => sum + value, 0);
  for (const [topic, value] of scores) {
    if (total > 0 && value > 0) scores.set(topic, value / total);
    else scores.delete(topic);
  }
  return scores;
}

/** The sentences and clauses of a long message; very long ones cut into overlapping stretches. */
function passages(text: string): string[] {
  // Punctuation followed by a space or the end: "shopper@example.com" stays in one piece.
  return text.split(/[.!?;:,]+(?=\s|$)|\n+/).flatMap((clause) => {
    const words = clause.split(/\s+/).filter(Boolean);
    if (words.length <= PASSAGE_WORDS) return [clause];
    const stretches: string[] = [];
    for (let start = 0; start < words.length; start += PASSAGE_WORDS / 2) {
      stretches.push(words.slice(start, start + PASSAGE_WORDS).join(' '));
      if (start + PASSAGE_WORDS >= words.length) break;
    }
    return stretches;
  });
}

/**
 * Words used by the phrases of at least `share` of the topics ("want", "need", "help", "know"):
 * openers and filler that tell no topic from another, which the classifier then ignores. Question
 * words and negation stay even when widespread: "where is my refund" is not "when will I get my refund".
 */
function widespreadWords(examples: readonly Example[], share: number): string[] {
  const topicsByWord = new Map<string, Set<string>>();
  const topics = new Set<string>();
  for (const { topic, text } of examples) {
    topics.add(topic);
    for (const word of text.split(' ')) {
      const set = topicsByWord.get(word) ?? new Set<string>();
      set.add(topic);
      topicsByWord.set(word, set);
    }
  }
  return [...topicsByWord]
    .filter(([word, set]) => set.size >= share * topics.size && !TELLING_WORDS.has(word))
    .map(([word]) => word);
}

/**
 * One example per topic and set of meaningful words: "track my order" and "I want to track my
 * order" teach the classifier the same thing once the filler is gone, and cost training time twice.
 */
function distinct(examples: readonly Example[], ignored: ReadonlySet<string>): Example[] {
  const seen = new Map<string, number>();
  const cap = 1;
  return examples.filter(({ topic, text }) => {
    const key = `${topic}|${[...new Set(text.split(' ').filter((word) => !ignored.has(word)))].sort().join(' ')}`;
    const count = seen.get(key) ?? 0;
    seen.set(key, count + 1);
    return count < cap;
  });
}

/** The shipped policy documents, sentence by sentence: the store's own vocabulary. */
function policySentences(): string[] {
  return readPolicyDocuments(DEFAULT_POLICIES_DIR).flatMap((document) =>
    document.sections.flatMap((section) => [section.heading, ...section.text.split(/(?<=[.;:!?])\s+|\n+/)]).filter((line) => line.trim() !== ''),
  );
}
