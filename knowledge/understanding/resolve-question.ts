// What a question ends as, for one brand: the topic whose composed answer answers it, the
// brand's own sentences when they say something more specific (or no topic fits), out of scope,
// or a "Did you mean…" whose every option is plausible. Pure: the knowledge base and the passage
// index are handed in; the recognizer's reading (brand-independent) is the input.
import { collapseSpaces, trimTrailing } from '../readers/text-edges.js';
import type { BrandId } from '../brand-ids.js';
import type { Answer, Source } from '../knowledge-base.types.js';
import type { PassageHit, PassageIndex } from '../passages/passage-index.js';
import type { PolicySentence } from '../passages/policy-sentences.js';
import { FLOW_TOPICS, type Topic } from '../topics.js';
import type { QuestionOutcome, QuotedPassage, TopicScore, Understanding } from './understanding.types.js';

export interface ResolverKnowledge {
  answer(brand: BrandId, topic: Topic): Answer;
  passages(brand: BrandId): PassageIndex;
}

export interface ResolverOptions {
  /** The recognizer's confidence from which its topic is acted on (CONFIDENCE_THRESHOLD). */
  confidenceThreshold: number;
  /** The words (stems) a topic's own phrases use: asking with them asks no more than the topic. */
  topicTerms(topic: Topic): ReadonlySet<string>;
}

/** From this out-of-domain likelihood on, a message is out of scope (see scripts/eval-routing.ts). */
export const OUT_OF_DOMAIN_THRESHOLD = 0.7;
/** From this likelihood on, a message is the small talk it most looks like. */
export const SMALL_TALK_THRESHOLD = 0.6;
/** A quoted sentence must contain at least this share of the question's meaningful words. */
const MIN_COVERAGE = 0.5;
/** A sentence with every one of at least this many meaningful words of the question answers it. */
const ALL_OF_MANY = 3;
/** Out-of-domain readings below this are checked against the documents before being refused… */
const CERTAINLY_OUT_OF_DOMAIN = 0.9999;
/** …and kept in scope when a sentence has this share of the question's words. */
const IN_SCOPE_COVERAGE = 0.75;
/** Without a fitting topic, the sentence must say more of the question back. */
const MIN_COVERAGE_ALONE = 0.6;
/** An alternative offered in a "Did you mean…" has at least this confidence… */
const PLAUSIBLE_FLOOR = 0.12;
/** …and at least this share of the likeliest one's. */
const PLAUSIBLE_SHARE = 0.35;
const MAX_OPTIONS = 3;
/** A word in at most this many of a brand's sentences (or this share of them) tells them apart. */
const RARE_IN_DOCUMENTS = 4;
const RARE_SHARE = 0.1;
/** Sentences quoted at most, the best first. */
const MAX_QUOTED = 4;

// A question, not a request: it asks (question word first) or ends with a question mark.
const ASKS = /\?$|^(?:(?:so|ok|okay|hi|hey|and|but|also|sorry)[,\s]+)*(?:what|when|where|who|why|how|which|is|are|do|does|did|can|could|will|would|should|may)\b/i;
const SMALL_TALK: ReadonlySet<Topic> = new Set<Topic>(['greeting', 'help', 'thanks', 'goodbye']);
const FLOWS: ReadonlySet<Topic> = new Set<Topic>(FLOW_TOPICS);

// "What is an RA number?", "what does final sale mean", "explain the account portal": a question
// about a term is answered with what the documents say about it, never by starting a flow.
// Read on the message with its spaces collapsed and its closing "?" gone, so every alternative
// meets single spaces and each is tried once from the start: linear in the message.
/** A topic the recognizer is this sure of wins over the message reader's reading of small talk. */
const SURE_OF_TOPIC = 0.9;
/** "Good morning, can I return a ring bought last week": a greeting or thanks before what the message asks. */
const LEADING_MANNERS = /^(?:(?:hi|hello|hey|hiya|howdy|good (?:morning|afternoon|evening|day)|greetings|thanks|thank you|ok|okay)(?: there| again| team| guys| all)?[\s,!.:;-]+)+/i;
const MIN_WORDS_AFTER_MANNERS = 2;
/** "How long does that take?": a question whose answer is a length of time. */
const ASKS_HOW_LONG = /\b(?:how long|how soon|how quickly|how many (?:business |working )?days|how many weeks)\b/i;
/** A sentence that states one: "within 30 days", "typically 5-7 business days", "48 hours". */
const STATES_A_DURATION = /\b\d+(?:\s*(?:-|–|to)\s*\d+)?\s+(?:business |working |calendar )?(?:days?|weeks?|hours?|months?)\b/i;

const ABOUT_A_TERM =
  /^(?:(?:so|ok|okay|hi|hey|and|but|also|sorry),? )*(?:what(?:'s| is| are) (?:an? |the |your )?(?<term>[^?]+)$|what does (?:an? |the )?(?<term2>[^?]+) mean$|(?:explain|define) (?:an? |the |what )?(?<term3>[^?]+)$|what do you mean by (?<term4>[^?]+)$|what counts as (?:an? )?(?<term5>[^?]+)$)/i;
// Terms whose "what is…" asks for a fact the composed answers hold, not a definition.
const NOT_A_TERM = /\b(?:policy|policies|time|times|hours?|address|email|number for|phone|status|cost|price|fee|window|deadline|way|best|process|difference|meaning of life)\b/i;

export function resolveQuestion(
  knowledge: ResolverKnowledge,
  options: ResolverOptions,
  brand: BrandId,
  text: string,
  understanding: Understanding,
): QuestionOutcome {
  const { topic, confidence, entities } = understanding;
  if (understanding.language !== undefined && !understanding.language.english) {
    return { kind: 'not_english', language: understanding.language.code };
  }
  // An order number or an email is something only this store's support can use.
  if (entities.orderNumber !== undefined || entities.email !== undefined) return { kind: 'topic', topic, confidence };
  const confident = confidence >= options.confidenceThreshold;
  const index = knowledge.passages(brand);
  const smallTalk = understanding.smallTalk;
  // "What are your hours" reads like "what are you", but a topic the classifiers are all but sure of is the question.
  const aboutATopic = !SMALL_TALK.has(topic) && topic !== 'out_of_scope';
  const afterManners = text.replace(LEADING_MANNERS, '');
  const asksAfterManners = afterManners !== text && afterManners.trim().split(/\s+/).length >= MIN_WORDS_AFTER_MANNERS && confident && aboutATopic;
  const sureOfTopic = (confidence >= SURE_OF_TOPIC && aboutATopic) || asksAfterManners;
  if (smallTalk !== undefined && smallTalk.likelihood >= SMALL_TALK_THRESHOLD && !sureOfTopic) {
    // "What information do you collect?" reads like "what can you do", and the documents say.
    if (smallTalk.topic === 'help') {
      const hits = index.search(text);
      const best = hits[0];
      if (best && best.matched.length >= 2 && tellsMore(index, best, index.terms(text), MIN_COVERAGE_ALONE)) {
        return passageOutcome(knowledge, brand, understanding, hits, index);
      }
    }
    return { kind: 'topic', topic: smallTalk.topic, confidence: smallTalk.likelihood };
  }
  // "What is an RA number?": a term the documents use is theirs to explain, whatever the gate
  // makes of "what does … mean" (other domains ask that about any word).
  const term = termAsked(text);
  if (term !== undefined) {
    const hits = index.search(term);
    const best = hits[0];
    if (best && best.coverage === 1 && tellsMore(index, best, best.matched, 1)) return passageOutcome(knowledge, brand, understanding, hits, index);
  }
  const outOfDomain = understanding.outOfDomain ?? 0;
  if (outOfDomain >= OUT_OF_DOMAIN_THRESHOLD || (confident && topic === 'out_of_scope')) {
    // Words the gate does not know can still be the documents' own ("will you tell me when the
    // privacy policy changes"): a sentence that says nearly all of the question keeps it in scope.
    const hits = outOfDomain < CERTAINLY_OUT_OF_DOMAIN ? index.search(text) : [];
    const best = hits[0];
    if (best && best.coverage >= IN_SCOPE_COVERAGE && best.matched.length >= 2 && tellsMore(index, best, best.matched, IN_SCOPE_COVERAGE)) {
      return passageOutcome(knowledge, brand, understanding, hits, index);
    }
    return { kind: 'out_of_scope', confidence: Math.max(outOfDomain, topic === 'out_of_scope' ? confidence : 0) };
  }

  if (term !== undefined) {
    if (confident && !FLOWS.has(topic) && !SMALL_TALK.has(topic)) return { kind: 'topic', topic, confidence };
    // Searched, and the documents do not use the term: the composed "doesn't say".
    return { kind: 'topic', topic: 'policy.other', confidence: 1 };
  }

  const asked = index.terms(text);
  if (confident) {
    // The documents say more than the topic's answer when the question has a word neither the
    // answer nor the topic's own phrases use, and their best sentence, one the answer does not
    // quote, holds it (for a flow: "are you open on Christmas" starts no tracking).
    const answer = knowledge.answer(brand, topic);
    const duration = ASKS_HOW_LONG.test(text) ? durationSentence(index, answer) : undefined;
    if (duration !== undefined) return { kind: 'passage', topic, confidence, passages: [duration] };
    const topicTerms = options.topicTerms(topic);
    const answerTerms = FLOWS.has(topic) || SMALL_TALK.has(topic) ? NO_TERMS : termsOfAnswer(index, answer);
    const specific = asked.filter((word) => !topicTerms.has(word) && !answerTerms.has(word));
    // "What is your issue resolution process?": the words of a section's heading ask for that section.
    if (specific.length === 0 && !index.headingHas(asked)) return { kind: 'topic', topic, confidence };
    // A request ("talk to a person, it arrived broken") starts its flow whatever else it says.
    if (FLOWS.has(topic) && !ASKS.test(text.trim())) return { kind: 'topic', topic, confidence };
    const hits = index.search(text);
    const best = hits[0];
    const saysAll = best !== undefined && best.coverage === 1 && (asked.length >= ALL_OF_MANY || index.headingHas(asked));
    if (best && !quotes(answer, best.sentence) && (saysAll || tellsMore(index, best, specific, MIN_COVERAGE))) {
      return passageOutcome(knowledge, brand, understanding, hits, index, FLOWS.has(topic) || SMALL_TALK.has(topic) ? undefined : topic);
    }
    return { kind: 'topic', topic, confidence };
  }

  const hits = index.search(text);
  const best = hits[0];
  // Not sure of a topic: a sentence that says what was asked.
  if (outOfDomain < 0.5 && tellsMore(index, best, asked, MIN_COVERAGE_ALONE)) return passageOutcome(knowledge, brand, understanding, hits, index);
  const plausible = plausibleOptions(understanding.ranked);
  if (plausible.length > 0) return { kind: 'clarify', options: plausible };
  return { kind: 'out_of_scope', confidence: outOfDomain };
}

/**
 * "How long does that take?" about a topic whose answer names no length of time: the sentence of
 * the sections it cites that does ("We will respond to your request within … 30 days").
 */
function durationSentence(index: PassageIndex, answer: Answer): QuotedPassage | undefined {
  if (STATES_A_DURATION.test(answer.text)) return undefined;
  const sentence = index.sentences.find((candidate) => quotes(answer, candidate) && STATES_A_DURATION.test(candidate.text));
  return sentence === undefined ? undefined : { document: sentence.document, section: sentence.section, text: sentence.text };
}

const NO_TERMS: ReadonlySet<string> = new Set();
// A brand's composed answers never change while it runs: their words are read once, not per question.
const answerTermsRead = new WeakMap<Answer, ReadonlySet<string>>();
function termsOfAnswer(index: PassageIndex, answer: Answer): ReadonlySet<string> {
  let terms = answerTermsRead.get(answer);
  if (terms === undefined) {
    terms = new Set(index.terms(answer.text));
    answerTermsRead.set(answer, terms);
  }
  return terms;
}

function quotes(answer: Answer, sentence: PolicySentence): boolean {
  return answer.sources.some((source) => source.document === sentence.document && source.section === sentence.section);
}

/**
 * Whether a sentence says what the question asks beyond the topic: it contains enough of the
 * question, and among the words the topic does not explain, at least one the documents use
 * rarely (a word that is everywhere, such as "order", tells no sentence apart).
 */
function tellsMore(index: PassageIndex, best: PassageHit | undefined, specific: readonly string[], minCoverage: number): best is PassageHit {
  if (best === undefined || best.coverage < minCoverage) return false;
  const rare = Math.max(RARE_IN_DOCUMENTS, RARE_SHARE * index.sentences.length);
  return specific.some((term) => best.matched.includes(term) && index.sentencesWith(term) <= rare);
}

/** The alternatives worth offering: each likely in its own right and not far behind the first. */
export function plausibleOptions(ranked: readonly TopicScore[]): TopicScore[] {
  const options = ranked.filter((score) => score.topic !== 'out_of_scope');
  const top = options[0]?.confidence ?? 0;
  return options
    .filter((score) => score.confidence >= PLAUSIBLE_FLOOR && score.confidence >= PLAUSIBLE_SHARE * top)
    .slice(0, MAX_OPTIONS);
}

/** The term a "what is X" / "what does X mean" question asks about, if it asks about one. */
export function termAsked(text: string): string | undefined {
  const match = ABOUT_A_TERM.exec(trimTrailing(collapseSpaces(text), '? '));
  const groups = match?.groups;
  const term = groups?.term ?? groups?.term2 ?? groups?.term3 ?? groups?.term4 ?? groups?.term5;
  if (term === undefined || NOT_A_TERM.test(term) || term.split(/\s+/).length > 4) return undefined;
  return term;
}

function passageOutcome(
  knowledge: ResolverKnowledge,
  brand: BrandId,
  understanding: Understanding,
  hits: readonly PassageHit[],
  index: PassageIndex,
  topic?: Topic,
): QuestionOutcome {
  const [best] = hits;
  if (!best) return { kind: 'topic', topic: 'policy.other', confidence: 1 };
  const quoted: PolicySentence[] = [best.sentence];
  // "…you can escalate your concern:" is followed by what it introduces.
  if (best.sentence.text.endsWith(':')) quoted.push(...following(index.sentences, best.sentence, MAX_QUOTED - 1));
  const second = hits[1];
  if (quoted.length === 1 && second && second.sentence.section === best.sentence.section && second.coverage >= best.coverage && second.score >= 0.6 * best.score) {
    quoted.push(second.sentence);
  }
  const passages: QuotedPassage[] = quoted.map(({ document, section, text }) => ({ document, section, text }));
  return {
    kind: 'passage',
    topic: topic ?? fittingTopic(knowledge, brand, understanding, best.sentence),
    confidence: Math.min(1, best.coverage),
    passages,
  };
}

/** The sentences after `sentence` in its section, as far as they share its labels. */
function following(sentences: readonly PolicySentence[], sentence: PolicySentence, limit: number): PolicySentence[] {
  const start = sentences.indexOf(sentence);
  const next: PolicySentence[] = [];
  for (const candidate of sentences.slice(start + 1)) {
    if (next.length >= limit || candidate.section !== sentence.section || candidate.document !== sentence.document) break;
    next.push(candidate);
  }
  return next;
}

/**
 * The catalog topic a quoted sentence answers: the recognizer's likeliest topic that is not a
 * flow and whose composed answer quotes the same section, else `policy.other`.
 */
function fittingTopic(knowledge: ResolverKnowledge, brand: BrandId, understanding: Understanding, sentence: PolicySentence): Topic {
  const cites = (topic: Topic) =>
    knowledge.answer(brand, topic).sources.some((source: Source) => source.document === sentence.document && source.section === sentence.section);
  for (const { topic } of understanding.ranked) {
    // A flow's question is about its policy: "what is an RA number?" is returns policy.
    const candidate = FLOW_POLICY[topic] ?? topic;
    if (FLOWS.has(candidate) || SMALL_TALK.has(candidate) || candidate === 'out_of_scope') continue;
    if (cites(candidate)) return candidate;
  }
  return 'policy.other';
}

/** The policy topic a flow's question is about. */
const FLOW_POLICY: Partial<Record<Topic, Topic>> = {
  'returns.start': 'returns.policy',
  'order.tracking': 'shipping.timeline',
  'handoff.human': 'contact.channels',
};

export interface QuestionResolver {
  /** The recognizer's reading with the outcome for `brand`: its topic and confidence as the outcome has them. */
  resolve(brand: BrandId, text: string, understanding: Understanding): Understanding;
}

/** A resolver whose topics' own words come from `phrases` (the recognizer's phrase table). */
export function createQuestionResolver(
  knowledge: ResolverKnowledge & { brandIds: readonly BrandId[] },
  phrases: Readonly<Record<Topic, readonly string[]>>,
  confidenceThreshold: number,
): QuestionResolver {
  const [anyBrand] = knowledge.brandIds;
  if (anyBrand === undefined) throw new Error('no brands');
  const terms = knowledge.passages(anyBrand).terms;
  const byTopic = new Map<Topic, ReadonlySet<string>>();
  for (const [topic, list] of Object.entries(phrases) as Array<[Topic, readonly string[]]>) {
    const seen = new Map<string, number>();
    for (const phrase of list) for (const term of terms(phrase)) seen.set(term, (seen.get(term) ?? 0) + 1);
    byTopic.set(topic, new Set([...seen].filter(([, count]) => count >= TOPIC_TERM_MIN_PHRASES).map(([term]) => term)));
  }
  const options: ResolverOptions = { confidenceThreshold, topicTerms: (topic) => byTopic.get(topic) ?? new Set() };
  return {
    resolve(brand, text, understanding) {
      const outcome = resolveQuestion(knowledge, options, brand, text, understanding);
      return { ...understanding, ...topicOf(outcome, understanding, confidenceThreshold), outcome };
    },
  };
}

/** A word used by at least this many of a topic's phrases is one of the topic's own words. */
const TOPIC_TERM_MIN_PHRASES = 6;

/** The topic and confidence a conversation acts on, for each outcome. */
function topicOf(outcome: QuestionOutcome, understanding: Understanding, threshold: number): { topic: Topic; confidence: number } {
  switch (outcome.kind) {
    case 'topic':
    case 'passage':
      return { topic: outcome.topic, confidence: Math.max(outcome.confidence, outcome.kind === 'passage' ? threshold : 0) };
    case 'out_of_scope':
      return { topic: 'out_of_scope', confidence: Math.max(outcome.confidence, threshold) };
    case 'not_english':
      return { topic: 'help', confidence: 1 };
    case 'clarify':
      return { topic: outcome.options[0]?.topic ?? understanding.topic, confidence: Math.min(understanding.confidence, outcome.options[0]?.confidence ?? 0) };
  }
}
