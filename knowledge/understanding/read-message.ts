// One shopper message as the conversation reads it: cut into the questions it asks ("do you send
// rings to Norway and is it free?" is two), each understood for the brand, and a short follow-up ("how
// long does that take?", "is it free?") read in the light of what came just before it: the topic
// of the last answer, or of the question before it in the same message.
import type { BrandId } from '../brand-ids.js';
import { TOPIC_CHOICES, type Topic } from '../topics.js';
import { extractEntities } from './entities.js';
import { splitQuestions } from './question-splitter.js';
import { createRecentMemo } from './recent-memo.js';
import type { Recognizer, Understanding } from './understanding.types.js';

export interface QuestionResolver {
  resolve(brand: BrandId, text: string, understanding: Understanding): Understanding;
}

/** What the conversation was last about, as the previous reply left it. */
export interface ReadingContext {
  /** The topic of the bot's last message, if any. */
  topic: Topic | null;
  /** The slot the bot last asked for: a free-text answer is never cut into questions. */
  awaiting: string | null;
}

export interface ReadQuestion {
  text: string;
  understanding: Understanding;
}

// Words that lean on what was said before: "that", "it", "those", or a question that names no subject.
const LEANS_ON_CONTEXT =
  /\b(?:that|it|this|those|these|they|them|ones?)\b|^(?:and|so|but|also|then|ok so|what about|how about|how long|how many|how much|how soon|when|who pays|is it|are they|will it|would it|does it|do they)\b/i;
const FOLLOW_UP_WORDS = 10;
/** A follow-up whose own words point this surely at one topic leans on that topic, not the last answer. */
const POINTS_ELSEWHERE = 0.6;
/** Longer messages are rarely sent twice word for word: not worth remembering. */
const MEMO_MAX_CHARS = 200;
/** A question: it ends with "?" or starts like one. */
const ASKS = /\?\s*$|^(?:is|are|do|does|did|can|could|will|would|should|may|how|what|when|where|who|why|which|whats|what's)\b/i;

/** How a topic is said when a follow-up leans on it: the catalog's own phrasing, flows in shoppers' words. */
const CONTEXT_WORDS: Partial<Record<Topic, string>> = {
  'order.tracking': 'my order delivery',
  'returns.start': 'returning my item',
  'handoff.human': 'a reply from the support team',
  'privacy.policy': 'my personal data request',
  'account.delete': 'my account deletion request',
  'policy.other': '',
  greeting: '',
  help: '',
  thanks: '',
  goodbye: '',
  out_of_scope: '',
};

/** Slots whose answers are the shopper's own words, never questions to split. */
const FREE_TEXT = new Set(['description']);

function contextWords(topic: Topic): string {
  return CONTEXT_WORDS[topic] ?? TOPIC_CHOICES[topic].value;
}

function carriesEntities(text: string): boolean {
  const { orderNumber, email } = extractEntities(text);
  return orderNumber !== undefined || email !== undefined;
}

function settled(understanding: Understanding, threshold: number): boolean {
  const kind = understanding.outcome?.kind;
  if (kind === 'out_of_scope' || kind === 'clarify') return false;
  return understanding.confidence >= threshold;
}

export function createMessageReader(deps: { recognizer: Recognizer; resolver: QuestionResolver; confidenceThreshold: number }) {
  // The same words to the same brand are understood the same way (the recognizer and the resolver
  // are pure, and entities come from these very words): a question shoppers ask again and again is
  // read once. As many outcomes are remembered as the recognizer remembers readings.
  const memo = createRecentMemo<Understanding>(deps.recognizer.memoSize ?? 0);

  async function understand(brand: BrandId, text: string): Promise<Understanding> {
    const key = `${brand}\n${text}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const understood = deps.resolver.resolve(brand, text, await deps.recognizer.recognize(text));
    if (text.length <= MEMO_MAX_CHARS) memo.set(key, understood);
    return understood;
  }

  /** One question; a follow-up the words alone do not settle is read again with what it leans on. */
  async function readQuestion(brand: BrandId, text: string, lastTopic: Topic | null): Promise<Understanding> {
    const own = await understand(brand, text);
    // "can it go to canada?" after a delivery-time answer is about international shipping, which
    // its own words already say, even when alone they read too thin to answer.
    const pointsAt = own.ranked[0];
    const leansOn = lastTopic !== null && pointsAt !== undefined && pointsAt.confidence >= POINTS_ELSEWHERE ? pointsAt.topic : lastTopic;
    const words = leansOn === null ? '' : contextWords(leansOn);
    const followUp = words !== '' && text.split(/\s+/).length <= FOLLOW_UP_WORDS && LEANS_ON_CONTEXT.test(text.trim());
    // Understood on its own ("how long does delivery take"): the words say what they are about.
    if (!followUp || leansOn === null || settled(own, deps.confidenceThreshold)) return own;
    const withContext = await understand(brand, `${text} ${words}`);
    return settled(withContext, deps.confidenceThreshold) ? { ...withContext, entities: own.entities } : own;
  }

  /**
   * The questions to read one by one: only where the message asks several things, each a
   * question ("I'm not happy with this, how do I escalate?" is one request), and the whole is
   * not in another language (each half of a Spanish message is Spanish too).
   */
  async function questionsOf(brand: BrandId, text: string, context: ReadingContext): Promise<string[]> {
    if (context.awaiting !== null && FREE_TEXT.has(context.awaiting)) return [text];
    const parts = splitQuestions(text);
    if (parts.length <= 1 || !ASKS.test(parts[0] ?? '')) return [text];
    // "Where's my stuff?? ordered GS-331041 two weeks ago": the order number belongs to the question.
    if (!carriesEntities(parts[0] ?? '') && carriesEntities(text)) return [text];
    const whole = await understand(brand, text);
    return whole.outcome?.kind === 'not_english' ? [text] : parts;
  }

  return {
    /** The questions of a message, each understood, in order. */
    async read(brand: BrandId, text: string, context: ReadingContext): Promise<ReadQuestion[]> {
      const parts = await questionsOf(brand, text, context);
      const questions: ReadQuestion[] = [];
      let leansOn = context.topic;
      for (const part of parts.length === 0 ? [text] : parts) {
        const understanding = await readQuestion(brand, part, leansOn);
        questions.push({ text: parts.length > 1 ? part : text, understanding });
        leansOn = understanding.topic;
      }
      return questions;
    },
  };
}
