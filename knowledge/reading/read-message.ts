// The Reading step: one shopper message, read once, in the light of the conversation (the brand,
// the slot the bot awaits, the choices on screen, the last answer's topic), into its language,
// the identifiers and facts in it, and the commands the conversation acts on. Everything after
// this step acts on what it decided; nothing after it reads the shopper's words again.
//
// What each part reads with:
// - identifiers (order numbers, emails): the deterministic readers in knowledge/readers/;
// - yes/no, places in a list, dates: Bot Framework's recognizers (recognizers.ts);
// - the topic, what the reply does (its dialogue act), an item's condition, what went wrong and
//   whether it is urgent: the learned models (reading-models.ts), with calibrated probabilities;
// - whether the documents answer it: the answerability model, through topic-reading.ts.
import type { BrandId } from '../brand-ids.js';
import { findEmail } from '../readers/email-address.reader.js';
import { findOrderNumber } from '../readers/order-number.reader.js';
import { matchItem } from '../returns/item-match.js';
import type { ItemCondition, ReturnWish } from '../returns/return-verdict.types.js';
import { TOPIC_CHOICES, isTopic, type Topic } from '../topics.js';
import { readLanguage } from './language.js';
import { largestAt } from './learning/linear-model.js';
import { tokens } from './learning/text-features.js';
import { OPENED_WORDS, splitQuestions } from './question-parts.js';
import { createSpelling } from './spelling.js';
import type { Command, MessageFacts, Problem, ReadCommand, Reading, ReadingContext, Slot, SlotValues } from './reading.types.js';
import { actContexts, likeliest, type ReadingModels } from './reading-models.js';
import { READING_SETTINGS, type ReadingSettings } from './reading-settings.js';
import type { Recognizers } from './recognizers.js';
import { rememberSome } from './recent-memo.js';
import { MEMO_SIZE, rememberReadings, type MessageReader } from './reading-memo.js';
import { itemMention, readName, removesDetail, saysSomething, slotNamed } from './slot-readers.js';
import { topicDistribution, type TopicDistribution } from './topic-distribution.js';
import { FLOW_POLICY, SMALL_TALK_LABELS, createTopicReader, plausibleOptions, type TopicKnowledge } from './topic-reading.js';

/** How many texts (a message, its parts and clauses) each of the reading's memos keeps before it starts afresh. */
const RECENT_PARTS = 64;
/** A message is read for at most this many characters: a longer one costs no more to read. */
export const MAX_READ_CHARS = 500;
/** Characters of one question read, when a message asks several. */
const MAX_PART_CHARS = 200;
/** Clauses read for a problem, an urgency or a request for a person: what a shopper writes in one message. */
const MAX_CLAUSES = 8;
/** A short message that the topic model cannot place may lean on the last answer ("how long does that take?"). */
const FOLLOW_UP_WORDS = 8;
/** Words that point back at what was just said. */
const POINTING_BACK: ReadonlySet<string> = new Set(['that', 'it', 'those', 'they', 'them', 'ones', 'thats', 'its']);
/** A follow-up the topic model reads this surely on its own words is about those words. */
const SURE_ON_ITS_OWN = 0.9;
/**
 * Topics a reply to an offer reads as when it only acknowledges it ("sounds good" as a goodbye,
 * "great" as feedback); thanks ("cool thx") is thanked for.
 */
const ACKNOWLEDGING: ReadonlySet<string> = new Set(['goodbye', 'feedback']);
/** How a topic is said when a follow-up leans on it; the catalog's own choice words for the rest. */
const LEANING_WORDS: Partial<Record<Topic, string>> = {
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
/** Slot values a class of the slot models gives, and the one that says "nothing about it". */
const NONE = 'none';
const CONDITIONS: ReadonlySet<string> = new Set(['unused_with_tags', 'unused_no_tags', 'unused', 'worn', 'damaged']);
const WISHES: ReadonlySet<string> = new Set(['changed_mind', 'wrong_size', 'damaged_on_arrival', 'defective', 'wrong_item']);
/** Problems whose timing matters to the team (a defect window): the date recognizer is asked about them. */
const TIMED_PROBLEMS: ReadonlySet<Problem> = new Set<Problem>(['damaged_on_arrival', 'defective']);
/**
 * Words without which a message names no day or span the date recognizer could count back from
 * ("0" stands for any digit). "ago", "last", "since" or "morning" name none on their own: "three
 * weeks ago", "last monday" and "yesterday morning" hold a word here too, and "good morning" or
 * "since it came" are not worth the recognizer's milliseconds.
 */
const TIME_WORDS: ReadonlySet<string> = new Set([
  '0', 'today', 'yesterday', 'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'weekend',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
]);
/** Topics whose messages may report a problem or press for time. */
const TROUBLE_TOPICS: ReadonlySet<string> = new Set(['product.issue', 'shipping.problem', 'returns.start', 'handoff.human', 'complaint', 'order.tracking', 'order.change', 'order.cancel']);
/** Topics besides those whose requests only the team carries out, where "it's urgent" goes along. */
const URGENCY_TOPICS: ReadonlySet<string> = new Set(['product.custom', 'order.invoice', 'payment.issue', 'refund.status']);
/** Words a greeting takes at the start of a message at most ("hi", "hey there"). */
const GREETING_WORDS = 2;
/** A reply of at most this many words can be a bare yes, no or "hmm"; a longer one says more. */
const SHORT_REPLY_WORDS = 3;
/** A part that only names an order is this short at most ("my order number is KS-100234 thanks"). */
const ORDER_PART_WORDS = 8;
/** Words that introduce an email address ("my email is", "reach me at"). */
const EMAIL_LEAD_WORDS: ReadonlySet<string> = new Set(['email', 'mail', 'address', 'at', 'reach', 'me']);
/** Words of an email address said aloud ("jane at gmail dot com"). */
const EMAIL_SPOKEN_WORDS: ReadonlySet<string> = new Set(['at', 'dot', 'gmail', 'yahoo', 'hotmail', 'outlook', 'icloud', 'com']);
/** A message this long with no question in it is a statement: never a name, an email or a way past a question. */
const STATEMENT_WORDS = 7;
/** Words around an order number that only introduce it ("my order number is", "it's for"). */
const ORDER_LEAD_WORDS: ReadonlySet<string> = new Set(['order', 'my', 'number', 'no', 'num', 'is', 'its', 'it', 'the', 'for', 'ref', 'reference', 'id', 'and', 'on', 'this', 'was', 'thats', 'actually', 'sorry', 'oops']);
/** At a prompt, small talk and a request for a person need this probability when not asked as a question. */
const SURE_AT_PROMPT = 0.9;
/** Acts that ask something of the bot. */
const QUESTION_ACTS: ReadonlySet<string> = new Set(['question', 'affirm_and_more', 'other_options']);
/** Acts that refuse or steer rather than give a value. */
const NOT_A_VALUE_ACTS: ReadonlySet<string> = new Set(['deny', 'dont_know', 'cancel', 'restart', 'repeat', 'wait', 'goodbye', 'thanks', 'other_options']);
/** Together at least this likely, the acts of asking make a message a question of the shopper's own. */
const ASKING = 0.35;
/** Acts whose short replies still say something for the team ("broken", "wrong size"). */
const SAYS_SOMETHING_ACTS: ReadonlySet<string> = new Set(['inform', 'question', 'select']);
/** Problems with the item itself, and topics their reports are mistaken for. */
const PRODUCT_PROBLEMS: ReadonlySet<Problem> = new Set<Problem>(['damaged_on_arrival', 'defective', 'wrong_item']);
const REPORTED_AS_OTHER: ReadonlySet<string> = new Set(['shipping.problem', 'order.change', 'order.tracking', 'product.care', 'product.info', 'shipping.timeline']);
/** Topics of a problem reported, which a request for a person in the same message takes to a person. */
const REPORTS: ReadonlySet<string> = new Set(['product.issue', 'shipping.problem', 'complaint', 'handoff.human']);
/** Reports that say what went wrong, beside which a complaint only says how the shopper feels. */
const SPECIFIC_REPORTS: ReadonlySet<string> = new Set(['product.issue', 'shipping.problem']);
/** Requests only the team can carry out: an order number with them stays with the request. */
const TEAM_TOPICS: ReadonlySet<string> = new Set(['order.cancel', 'order.change', 'order.invoice', 'payment.issue', 'refund.status', 'complaint']);
/** Topics whose words with an order number ask to return it. */
const RETURN_TOPICS: ReadonlySet<string> = new Set(['returns.start', 'returns.policy', 'product.issue', 'product.final_sale', 'product.custom']);

/** What the bot's last message was, as the dialogue-act model knows it. */
function botSaid(context: ReadingContext): string {
  if (context.awaiting === 'confirm') return context.flow === 'handoff' ? 'CONFIRM' : 'OFFER';
  if (context.awaiting !== null) return 'REQUEST';
  if (context.choices.length > 0) return 'OFFER';
  return 'INFORM';
}

export interface ReaderDeps {
  models: ReadingModels;
  knowledge: TopicKnowledge;
  recognizers: Recognizers;
  settings?: ReadingSettings;
  /** How many recent readings to remember (0: none); see reading-memo.ts. */
  memoSize?: number;
}

export function createMessageReader(deps: ReaderDeps): MessageReader {
  const settings = deps.settings ?? READING_SETTINGS;
  const { models, recognizers } = deps;
  const topics = createTopicReader(deps.knowledge, models, settings);
  const isEnglishWord = (word: string) => models.topic.knows(word);
  // A message and its parts are read by several steps: their words, topic readings, order
  // number, email and questions once each.
  // Typos are read as the words the models know ("retruns" → "returns"); the words as typed are
  // kept for what must not be corrected: what a reply does (a name typed at a prompt, "Robin Hale",
  // is not "robin have"), a name, and the language a message is in.
  const spelling = createSpelling((word) => models.topic.rarity(word), (word) => models.act.knows(word));
  const typedWordsOf = rememberSome(RECENT_PARTS, (text): readonly string[] => tokens(text));
  const wordsOf = rememberSome(RECENT_PARTS, (text): readonly string[] => spelling.correct(typedWordsOf(text)));
  const topicsOf = rememberSome(RECENT_PARTS, (text): TopicDistribution => topicDistribution(models.topic, wordsOf(text)));
  const orderNumberIn = rememberSome(RECENT_PARTS, (text) => findOrderNumber(text));
  const emailIn = rememberSome(RECENT_PARTS, (text) => findEmail(text));
  const questionsIn = rememberSome(RECENT_PARTS, (text) => splitQuestions(text));
  const questionsLedIn = rememberSome(RECENT_PARTS, (text) => splitQuestions(text, true));
  // What a text does as a reply to what the bot just said (the key: that, a line break, the text),
  // read once: a message and each of its parts are asked whether they let go and whether they say yes or no.
  const actsOf = rememberSome(RECENT_PARTS, (key): Act => {
    const at = key.indexOf('\n');
    const text = key.slice(at + 1);
    return actOf(typedWordsOf(text), actContexts(key.slice(0, at), text, recognizers));
  });
  const actIn = (text: string, context: ReadingContext): Act => actsOf(`${botSaid(context)}\n${text}`);

  /**
   * What one question is about, for the brand. A short one that points back ("how long does that
   * take?") or that its own words do not settle is read again with the words of the last answer's
   * topic, and leans on it where that reading is settled.
   */
  function question(brand: BrandId, text: string, context: ReadingContext, asks: boolean, confidence = settings.topicConfidence, leansIfUnsettled = false): Command {
    const words = wordsOf(text);
    const distribution = topicsOf(text);
    const own = topics.read(brand, text, distribution, asks, confidence);
    const last = context.lastTopic;
    // A request for a person, small talk or a flow is what it is, whatever came before.
    if (last === null || words.length > FOLLOW_UP_WORDS || own.kind === 'person' || own.kind === 'smallTalk' || own.kind === 'start') return own;
    const pointsBack = words.some((word) => POINTING_BACK.has(word));
    // Without a word pointing back, only a question its own words leave open, or could be asking
    // about the last topic too ("how many days do I have?" after the return policy), leans on it.
    const couldBeAbout = distribution.probability(last) >= settings.plausibleFloor && (distribution.best?.probability ?? 0) < SURE_ON_ITS_OWN;
    if (settled(own) && (leansIfUnsettled || (!pointsBack && !couldBeAbout))) return own;
    const leaning = `${text} ${LEANING_WORDS[last] ?? TOPIC_CHOICES[last].value}`;
    const withContext = topics.read(brand, leaning, topicsOf(leaning), asks, confidence);
    // A follow-up asks about what was said; it never starts something new (asking after the order
    // just tracked goes back to that order).
    const answers = withContext.kind === 'answer' || withContext.kind === 'passage' || (withContext.kind === 'start' && withContext.topic === last);
    return answers ? withContext : own;
  }

  function settled(command: Command): boolean {
    return command.kind !== 'clarify' && command.kind !== 'outOfScope';
  }

  /**
   * What one part of a message asks: with an order number, the flow or request it goes with.
   * `leansIfUnsettled`: it leans on `context.lastTopic` only where its own words settle nothing.
   */
  function part(text: string, context: ReadingContext, asks: boolean, facts: MessageFacts, confidence?: number, leansIfUnsettled = false): Command {
    if (orderNumberIn(text) !== undefined) return withOrderNumber(text, context);
    return withProblem(question(context.brand, text, context, asks, confidence, leansIfUnsettled), facts);
  }

  /**
   * The questions of a message, each read; several only where the parts read as different things.
   * A greeting, thanks or goodbye beside a question is manners, not a question of its own ("ugh
   * thats so late. can someone look into it" is no farewell).
   */
  function questions(text: string, context: ReadingContext, asks: boolean, facts: MessageFacts, confidence?: number): ReadCommand[] {
    const parts = context.awaiting === null ? ledIn(text, context) : questionsIn(text);
    // What the parts ask besides manners, should the message read whole be only manners.
    let askedInParts: ReadCommand[] = [];
    // The problem the message reports, should its other parts only ask about it.
    let report: ReadCommand | undefined;
    // "The chain came in the wrong size. Order JAM-204813": a part that only names the order
    // belongs to what the rest says, so the message is read whole.
    if (parts.length > 1 && !parts.some(onlyNamesOrder)) {
      // A part that leans on what came before ("do you engrave? how much is it") leans
      // on the message's own question before it, not on the conversation's last answer, and only
      // where its own words settle nothing ("how long does shipping take and is it free" asks
      // about the cost).
      let before: ReadingContext | undefined;
      const read = parts.map((piece) => {
        const letGo = lettingGo(piece, context);
        // With nothing asked, "forget that" beside a question lets go of nothing: it is an aside.
        if (letGo !== undefined) return context.awaiting === null ? undefined : { command: { kind: letGo } satisfies Command, text: piece };
        // A question is read on its first words: "the rest stays with the third" must not make the third a long read.
        const command = part(piece.slice(0, MAX_PART_CHARS), before ?? context, true, facts, confidence, before !== undefined);
        const asked = topicOf(command);
        if (asked !== undefined) before = { ...context, lastTopic: asked };
        return { command, text: piece };
      });
      const reports = (one: ReadCommand | undefined) => one !== undefined && one.command.kind === 'answer' && SPECIFIC_REPORTS.has(one.command.topic);
      // "the bracelet came tarnished, what are my options": a part after a report that asks what
      // can be done, or that nothing settles on its own ("…is there a deadline to tell you?"),
      // asks about that report; the message is one report, read whole, and where the whole
      // settles nothing, it is the report. (A part that points back at it, "…is that covered?",
      // is read on its own: the documents may answer it.)
      const firstReport = read.findIndex(reports);
      const asksAboutReport = (one: ReadCommand | undefined) => one !== undefined && ((one.command.kind === 'smallTalk' && one.command.talk === 'help') || !settled(one.command));
      const aboutTheReport = firstReport >= 0 && read.slice(firstReport + 1).some(asksAboutReport);
      report = aboutTheReport ? read[firstReport] : undefined;
      // "it says delivered but i never got it?? i'm so frustrated": the feeling goes with the report.
      const reported = firstReport >= 0;
      const asked = read.filter((one): one is ReadCommand => one !== undefined && !isManners(one.command) && !(reported && one.command.kind === 'answer' && one.command.topic === 'complaint'));
      askedInParts = asked;
      const distinct = new Set(asked.map(({ command }) => commandKey(command)));
      if (!aboutTheReport && asked.length > 0 && asked.every(({ command }) => settled(command))) {
        if (distinct.size === asked.length && asked.length > 1) return asked;
        const [first] = asked;
        // "Good evening! how long do refunds take": the question, read on its own words. "do you
        // engrave? how much is it": one question, the second part leaning on the first.
        if (first !== undefined && distinct.size === 1) return [first];
      }
    }
    const whole = part(text, context, asks, facts, confidence);
    if (report !== undefined && !settled(whole)) return [report];
    // "hiya! is gift wrap a thing u do?": read whole, the greeting drowns the question it opens.
    if (isManners(whole) && askedInParts.length > 0) return askedInParts;
    if (whole.kind === 'smallTalk' && whole.talk === 'greeting') {
      const opened = afterGreeting(text, context, asks, facts, confidence);
      if (opened !== undefined) return [opened];
    }
    return [{ command: whole, text }];
  }

  /**
   * "helloo do u price match": with no stop after it, a greeting drowns what follows it too. A
   * message read as a greeting that has words enough for more is read again without its first
   * word, then its first two; what they ask, if anything but manners, is the message's question.
   */
  function afterGreeting(text: string, context: ReadingContext, asks: boolean, facts: MessageFacts, confidence?: number): ReadCommand | undefined {
    const words = text.trim().split(/\s+/);
    for (let dropped = 1; dropped <= GREETING_WORDS && words.length - dropped >= OPENED_WORDS; dropped += 1) {
      const rest = words.slice(dropped).join(' ');
      const command = part(rest, context, asks, facts, confidence);
      if (!isManners(command)) return { command, text: rest };
    }
    return undefined;
  }

  /**
   * The questions of a message with its lead-ins kept with the question they open ("quick
   * question, …"), but not one that points back at the last answer or lets it go ("forget that,
   * what's your phone number"): that one is read on its own.
   */
  function ledIn(text: string, context: ReadingContext): string[] {
    const joined = questionsLedIn(text);
    const apart = questionsIn(text);
    if (joined.length === apart.length) return joined;
    const leadIns = apart.filter((piece) => joined.some((question) => question !== piece && question.startsWith(piece)));
    const refers = leadIns.some((piece) => wordsOf(piece).some((word) => POINTING_BACK.has(word)) || lettingGo(piece, context) !== undefined);
    return refers ? apart : joined;
  }

  /** A part that gives an order number and little else ("order JAM-204813", "my order # is KS-100234"). */
  function onlyNamesOrder(piece: string): boolean {
    // Cheap first: a part of many words says more than an order number.
    if (wordsOf(piece).length > ORDER_PART_WORDS) return false;
    const found = orderNumberIn(piece);
    if (found === undefined) return false;
    return wordsOf(piece.replace(found.typed, ' ')).every((word) => ORDER_LEAD_WORDS.has(word));
  }

  /**
   * A part that lets the conversation's business go or starts over ("actually nvm, how long does
   * shipping take"): at a prompt the flow stops and the rest is answered.
   */
  function lettingGo(piece: string, context: ReadingContext): 'cancel' | 'restart' | undefined {
    if (context.flow === null && context.lastTopic === null) return undefined;
    const act = actIn(piece, context);
    if (act.probability < settings.steeringConfidence || (act.label !== 'cancel' && act.label !== 'restart')) return undefined;
    return act.label;
  }

  /** A request for a person in any clause ("talk to a person, my ring arrived damaged"). */
  function asksForPerson(text: string): boolean {
    const clauses = clausesOf(text);
    return clauses.some((clause) => {
      const best = topicsOf(clause).best;
      return best !== undefined && best.label === 'handoff.human' && best.probability >= settings.topicConfidence;
    });
  }

  /**
   * The problem model was trained on problems alone: where it hears a damaged, defective or wrong
   * item, or a package that never came, the message reports that problem, whatever else its words
   * lean to ("i got the wrong ring in my package" is not a delivery problem).
   */
  function withProblem(command: Command, facts: MessageFacts): Command {
    const problem = facts.problem;
    if (problem === undefined) return command;
    const unsure = command.kind === 'clarify';
    const about = command.kind === 'answer' ? command.topic : undefined;
    if (PRODUCT_PROBLEMS.has(problem) && (unsure || (about !== undefined && REPORTED_AS_OTHER.has(about)))) return { kind: 'answer', topic: 'product.issue', confidence: 1 };
    if (problem === 'missing_package' && (unsure || about === 'order.tracking' || about === 'shipping.timeline')) return { kind: 'answer', topic: 'shipping.problem', confidence: 1 };
    return command;
  }

  /** The slot values and facts the message gives, reading only what the conversation could use. */
  async function valuesOf(text: string, words: readonly string[], context: ReadingContext, distribution: TopicDistribution): Promise<{ slots: SlotValues; facts: MessageFacts }> {
    const slots: SlotValues = {};
    const orderNumber = orderNumberIn(text);
    if (orderNumber !== undefined) slots.orderNumber = orderNumber.typed;
    const email = emailIn(text);
    if (email !== undefined) slots.email = email;
    const awaiting = context.awaiting;
    const top = distribution.best?.label ?? '';
    const returns = context.flow === 'returns' || (awaiting === null && RETURN_TOPICS.has(top));
    if (awaiting === 'name') {
      const name = readName(text);
      if (name !== undefined) slots.name = name;
    }
    if (returns) slots.item = itemMention(text, recognizers);
    // A value the bot asked for needs the usual confidence; one volunteered before it was asked
    // ("i'd like to send back an item" says no reason) needs to be clear.
    if (awaiting === 'condition' || awaiting === 'item' || awaiting === 'reason' || (awaiting === null && returns)) {
      const condition = likeliest(models.condition, words);
      if (condition.label !== NONE && CONDITIONS.has(condition.label) && condition.probability >= (awaiting === 'condition' ? settings.topicConfidence : SURE_AT_PROMPT)) slots.condition = condition.label as ItemCondition | 'unused';
    }
    const facts: MessageFacts = {};
    // What went wrong and whether it is urgent matter wherever the shopper may be telling it.
    // At the handoff's questions any message may be telling the team what happened.
    const atHandoffQuestion = context.flow === 'handoff' && awaiting !== null && awaiting !== 'confirm';
    const troubled = awaiting === 'reason' || awaiting === 'description' || atHandoffQuestion || (awaiting === null && TROUBLE_TOPICS.has(top));
    const returnReason = awaiting === 'reason' || awaiting === 'condition' || awaiting === 'item' || (awaiting === null && returns);
    if (troubled || returnReason) {
      const problem = problemOf(text, words);
      if (problem.label !== NONE && troubled && problem.probability >= settings.topicConfidence) facts.problem = problem.label as Problem;
      if (problem.label !== NONE && returnReason && WISHES.has(problem.label) && problem.probability >= (awaiting === 'reason' ? settings.topicConfidence : SURE_AT_PROMPT)) slots.reason = problem.label as ReturnWish;
    }
    // Whether the shopper presses for priority matters wherever their words may reach the team: in
    // a flow (but not at the prompts for an identifier or a name), and in a message that reports a
    // problem, asks for what only the team does, or may yet (its topic unsure). A plain policy
    // question is answered the same either way, and is not read for it.
    const reachesTeam = context.flow !== null || awaiting !== null || troubled || URGENCY_TOPICS.has(top) || (distribution.best?.probability ?? 0) < settings.topicConfidence;
    if (reachesTeam && awaiting !== 'orderNumber' && awaiting !== 'email' && saysUrgent(text, words)) facts.urgent = true;
    if (troubled) {
      // The date recognizer costs a millisecond or more: asked only where the words speak of time.
      if (facts.problem !== undefined && TIMED_PROBLEMS.has(facts.problem) && words.some((word) => TIME_WORDS.has(word) || word.includes('0'))) {
        const days = await recognizers.daysAgo(text, context.now);
        if (days !== undefined) facts.daysSinceDelivery = days;
      }
    }
    return { slots, facts };
  }

  /**
   * What went wrong, as the message or one of its clauses tells it most clearly: in "get me
   * someone, the bracelet came bent and I need it fixed" the problem is in the second clause.
   */
  function problemOf(text: string, words: readonly string[]): { label: string; probability: number } {
    let best = likeliest(models.problem, words);
    for (const clause of clausesOf(text)) {
      const read = likeliest(models.problem, wordsOf(clause));
      if (read.label !== NONE && (best.label === NONE || read.probability > best.probability)) best = read;
    }
    return best;
  }

  /** The message, or one of its clauses, presses for priority ("the clasp broke, it's urgent"). */
  function saysUrgent(text: string, words: readonly string[]): boolean {
    if (isUrgent(likeliest(models.urgency, words))) return true;
    for (const clause of clausesOf(text)) if (isUrgent(likeliest(models.urgency, wordsOf(clause)))) return true;
    return false;
  }

  function isUrgent(read: { label: string; probability: number }): boolean {
    return read.label === 'urgent' && read.probability >= settings.topicConfidence;
  }

  /** The choice on screen a message picks: its value or title typed, or its place ("the second one"). */
  function chosen(text: string, context: ReadingContext): number | undefined {
    if (context.choices.length === 0) return undefined;
    const said = wordsOf(text).join(' ');
    const named = context.choices.findIndex((choice) => tokens(choice.value).join(' ') === said || tokens(choice.title).join(' ') === said);
    if (named >= 0) return named;
    const place = said.split(' ').length <= 4 ? recognizers.place(text) : undefined;
    if (place === undefined) return undefined;
    const index = place < 0 ? context.choices.length + place : place;
    return index >= 0 && index < context.choices.length ? index : undefined;
  }

  return rememberReadings({ read: readAfresh }, deps.memoSize ?? MEMO_SIZE);

  async function readAfresh(raw: string, context: ReadingContext): Promise<Reading> {
    const text = raw.length > MAX_READ_CHARS ? raw.slice(0, MAX_READ_CHARS) : raw;
    const words = wordsOf(text);
    const language = await readLanguage(text, typedWordsOf(text), isEnglishWord, recognizers);
    if (language !== null && !language.english) {
      const slots: SlotValues = {};
      const orderNumber = orderNumberIn(text)?.typed;
      if (orderNumber !== undefined) slots.orderNumber = orderNumber;
      return { language, slots, facts: {}, commands: [{ command: { kind: 'notEnglish', language: language.code }, text: raw }] };
    }
    const distribution = topicsOf(text);
    const act = actIn(text, context);
    const { slots, facts } = await valuesOf(text, words, context, distribution);
    const commands = decide({ raw, text, words, context, distribution, act, slots, facts });
    return { language, slots, facts, commands };
  }

  /** The dialogue-act model's reading: its likeliest act, and the probability of any act. */
  interface Act {
    label: string;
    probability: number;
    of(label: string): number;
  }

  function actOf(words: readonly string[], contexts: readonly string[]): Act {
    const probabilities = models.act.probabilities(words, contexts);
    const best = largestAt(probabilities);
    return { label: models.act.classes[best] ?? '', probability: probabilities[best] ?? 0, of: (label) => probabilities[models.act.classes.indexOf(label)] ?? 0 };
  }

  /** The message asks something: the acts of asking together are likely enough ("I'd like to know how fast you reply"). */
  function asksSomething(act: Act): boolean {
    return QUESTION_ACTS.has(act.label) || [...QUESTION_ACTS].reduce((sum, label) => sum + act.of(label), 0) >= ASKING;
  }

  interface Seen {
    raw: string;
    text: string;
    words: readonly string[];
    context: ReadingContext;
    distribution: TopicDistribution;
    act: Act;
    slots: SlotValues;
    facts: MessageFacts;
  }

  /** The commands a message gives in its conversation; a request for a person keeps what else it says. */
  function decide(seen: Seen): ReadCommand[] {
    const read = decideCommands(seen);
    const [first] = read;
    if (read.length !== 1 || first === undefined || first.command.kind !== 'person' || seen.context.flow === 'handoff') return read;
    return besidesAsking(seen.text) ? [{ ...first, command: { kind: 'person', words: seen.raw } }] : read;
  }

  /**
   * Whether a request for a person says more than that: a clause of three words or more that is not
   * itself the request ("can someone check with usps? it hasnt moved in days").
   */
  function besidesAsking(text: string): boolean {
    return clausesOf(text).some((clause) => saysBesidesIdentifiers(clause) && topicsOf(clause).best?.label !== 'handoff.human');
  }

  /** Three words or more beside an order number or an email and the words that introduce them ("my email is …"). */
  function saysBesidesIdentifiers(clause: string): boolean {
    const number = orderNumberIn(clause)?.typed;
    const email = emailIn(clause);
    const rest = [number, email].reduce<string>((left, value) => (value === undefined ? left : left.replace(value, ' ')), clause);
    return wordsOf(rest).filter((word) => !ORDER_LEAD_WORDS.has(word) && !EMAIL_LEAD_WORDS.has(word)).length >= 3;
  }

  function decideCommands(seen: Seen): ReadCommand[] {
    const { raw, context, act, slots } = seen;
    const topic = seen.distribution.best;
    const sureTopic = topic !== undefined && topic.probability >= settings.topicConfidence && topic.label !== 'out_of_scope';
    // "Cancel", "start over", "say that again": at a prompt, or when the words ask nothing else.
    // A request of its own ("cancel my order") is not "cancel": steering wins over small talk and other domains only.
    const steering = act.probability >= settings.steeringConfidence && (context.awaiting !== null || !sureTopic || SMALL_TALK_LABELS.has(topic.label) || topic.label === 'out_of_scope');
    // "sorry casey@example.com" reads like "sorry?" to the act model, and "nvm found it
    // GS-331041" like "never mind", but nobody asks to hear the bot again, or lets the business go,
    // with an order number or an email in hand.
    if (steering && !reasonAnyway(seen) && (act.label === 'cancel' || act.label === 'restart' || act.label === 'repeat') && !hasAnySlot(slots, false)) {
      // "Never mind, I'll keep it. How do I clean it though?": let go, and the question answered.
      const read = act.label === 'repeat' ? [] : questions(raw, context, true, seen.facts, settings.digressionConfidence);
      return lettingGoAndAsking(read) ? read : only(raw, { kind: act.label });
    }
    const picked = chosen(seen.text, context);
    if (picked !== undefined) return only(raw, { kind: 'select', choice: picked });
    if (context.awaiting === 'confirm') return atConfirm(seen);
    if (context.awaiting !== null) return atPrompt(seen, context.awaiting);
    // "What would you like to change?" after the handoff's summary: a detail typed or named.
    const correcting = correctionOf(seen);
    if (correcting !== undefined) return only(raw, correcting);
    // Nothing asked: a bare yes or no answers a question no longer on screen.
    const yesNo = seen.words.length <= SHORT_REPLY_WORDS ? recognizers.yesNo(raw) : undefined;
    if ((act.label === 'affirm' || act.label === 'deny' || yesNo !== undefined) && !sureTopic) {
      const no = yesNo === false || (yesNo === undefined && act.label === 'deny');
      // "You're welcome! Is there anything else I can help with?" – "no": that is goodbye.
      if (no && context.lastTopic === 'thanks') return only(raw, { kind: 'smallTalk', talk: 'goodbye' });
      return only(raw, { kind: no ? 'deny' : 'affirm' });
    }
    // "Talk to a person, my ring arrived damaged": a report with a request for a person goes to a
    // person; a question asked through one ("ask an agent how I close my account") the bot answers.
    if ((!sureTopic || REPORTS.has(topic.label)) && asksForPerson(seen.text)) return only(raw, { kind: 'person' });
    const read = questions(raw, context, asksSomething(act), seen.facts);
    // "it was too small" reads like a farewell to the topic model ("it was nice talking to you"),
    // but the act model hears a statement: unless the topic model is sure of it, no goodbye.
    const [single] = read;
    const doubtedFarewell = single?.command.kind === 'smallTalk' && single.command.talk === 'goodbye' && act.label === 'inform' && (topic?.probability ?? 0) < SURE_ON_ITS_OWN;
    if (read.length === 1 && doubtedFarewell) {
      return only(raw, { kind: 'clarify', options: plausibleOptions(seen.distribution, settings.plausibleFloor).filter(({ topic }) => !SMALL_TALK_LABELS.has(topic)) });
    }
    return read;
  }

  /** An order number outside any flow: the flow the words ask for (tracking by default), or the request it goes with. */
  function withOrderNumber(text: string, context: ReadingContext): Command {
    // Just after a return stopped for want of its number, the words beside the number say whether
    // it is that return's ("nvm found it GS-331041") or asks something else ("where is GS-331041").
    const returnWaiting = context.lastTopic === 'returns.start';
    const typed = orderNumberIn(text)?.typed;
    const top = topicsOf(returnWaiting && typed !== undefined ? text.replace(typed, ' ') : text).best;
    const label = top?.label ?? '';
    const sure = top !== undefined && top.probability >= settings.topicConfidence;
    if (label === 'handoff.human' && sure) return { kind: 'person' };
    const returning = sure ? RETURN_TOPICS.has(label) : returnWaiting;
    if (returning) return { kind: 'start', flow: 'returns', topic: 'returns.start', confidence: top?.probability ?? 1 };
    if (TEAM_TOPICS.has(label) && sure) return { kind: 'answer', topic: label as Topic, confidence: top.probability };
    return { kind: 'start', flow: 'tracking', topic: 'order.tracking', confidence: top?.probability ?? 1 };
  }

  /** The bot asked a yes/no question: an offer, or the handoff's summary to confirm. */
  function atConfirm(seen: Seen): ReadCommand[] {
    const { raw, context, act, slots } = seen;
    const summary = context.flow === 'handoff';
    // At the summary, a detail typed or named changes that detail, whatever else the message says.
    const correcting = correctionOf(seen);
    if (correcting !== undefined) return only(raw, correcting);
    if (summary) return atSummary(seen);
    // "It's GS-331043 actually" to an offer: the order the offered case is about.
    if (slots.orderNumber !== undefined && onlyNamesOrder(raw)) return only(raw, { kind: 'fill', slots: { orderNumber: slots.orderNumber } });
    // "Yes, and …" / "no, but …": the yes or no is the answer only where a yes or no word says it.
    const saysYesNo = recognizers.yesNo(raw);
    // "thx!" to an offer is thanks, not a yes: without a yes or no word, a yes the act model is
    // unsure of that the topic model surely reads as thanks is that (a handoff is never started on
    // a guess).
    const top = seen.distribution.best;
    const thanks = top !== undefined && top.label === 'thanks' && top.probability >= settings.topicConfidence;
    if (thanks && act.label === 'affirm' && saysYesNo === undefined && act.probability < SURE_AT_PROMPT) return only(raw, { kind: 'smallTalk', talk: 'thanks' });
    switch (act.label) {
      case 'affirm':
        return replyAndAsked(seen, 'affirm');
      case 'deny':
        // "ugh its late??" to an offer is a complaint about the problem, not a no: without a no
        // word, a message that surely reports a problem is read as what it reports.
        if (saysYesNo !== false && reportsProblem(seen, SURE_ON_ITS_OWN)) return questions(raw, context, false, seen.facts);
        return replyAndAsked(seen, 'deny');
      case 'goodbye':
      case 'thanks':
        return only(raw, { kind: 'smallTalk', talk: act.label });
      case 'select': {
        // "Sounds good", "okay", "I'm good": taking an offered option where the act model learned
        // it, but to "shall I pass this on?" as often a polite no as a yes, and the act model reads
        // many another short reply so too ("hey there", "who pays shipping?"). A yes or no word
        // decides; a request of its own ("talk to a person"), or what the topic model surely reads
        // (a question, a greeting, thanks), is that; otherwise the offer is asked again, never
        // taken or dropped on a guess.
        // "ok thanks" is as often "no need, thanks" as a yes: with thanks it is asked again.
        if (saysYesNo === true && thanks) return only(raw, { kind: 'unclear' });
        if (saysYesNo !== undefined) return only(raw, { kind: saysYesNo ? 'affirm' : 'deny' });
        const read = questions(raw, context, false, seen.facts);
        if (read.some(({ command }) => command.kind === 'person' || command.kind === 'start')) return read;
        const top = seen.distribution.best;
        const acknowledges = top === undefined || ACKNOWLEDGING.has(top.label) || top.probability < (top.label === 'greeting' ? SURE_ON_ITS_OWN : settings.topicConfidence);
        return acknowledges ? only(raw, { kind: 'unclear' }) : read;
      }
      case 'affirm_and_more':
        return saysYesNo === true ? replyAndAsked(seen, 'affirm') : questions(raw, context, true, seen.facts);
      case 'deny_and_more':
      case 'correct':
        return saysYesNo === false ? [{ command: { kind: 'deny' }, text: raw }, ...notTheOffer(replyParts(questions(raw, context, true, seen.facts), raw, context).asked, context)] : questions(raw, context, true, seen.facts);
      default: {
        const read = questions(raw, context, act.label === 'question', seen.facts);
        // "not now. how long do refunds take?": a part that is a no declines the offer.
        const { declines, asked } = replyParts(read, raw, context);
        return declines ? [{ command: { kind: 'deny' }, text: raw }, ...notTheOffer(asked, context)] : read;
      }
    }
  }

  /**
   * A reply to an offer read in parts: whether a part of its own says no, and the parts that ask
   * something (not those that are the yes or no itself: "nah not right now, …").
   */
  function replyParts(read: readonly ReadCommand[], raw: string, context: ReadingContext): { declines: boolean; asked: ReadCommand[] } {
    const says = read.map(({ text }) => (text === raw ? undefined : yesOrNoIn(text, context)));
    return { declines: says.includes(false), asked: read.filter((_, at) => says[at] === undefined) };
  }

  /** A part of a reply that says yes or no: a yes or no word, or what the act model surely hears as one ("nah not right now"). */
  function yesOrNoIn(piece: string, context: ReadingContext): boolean | undefined {
    const word = recognizers.yesNo(piece);
    if (word !== undefined) return word;
    const act = actIn(piece, context);
    if (act.probability < settings.steeringConfidence) return undefined;
    return act.label === 'affirm' ? true : act.label === 'deny' ? false : undefined;
  }

  /**
   * A yes or a no to an offer, and a question asked beside it ("sure, also do I pay customs?",
   * "maybe later, how long do I have to report it?"): the offer taken or declined, and the
   * question answered where the topic model surely reads it (a quoted passage beside a yes or no
   * is too often a guess at a half-asked question).
   */
  function replyAndAsked(seen: Seen, reply: 'affirm' | 'deny'): ReadCommand[] {
    const said: ReadCommand = { command: { kind: reply }, text: seen.raw };
    // A short reply is the yes or no alone ("yes please?"), not a question leaning on the last answer.
    // A longer one asks something where it says so: a question mark, the act model, or a part
    // of its own after the yes or no ("yeah ok. what are your hours").
    const asks = seen.raw.includes('?') || asksSomething(seen.act) || questionsIn(seen.raw).length > 1;
    if (seen.words.length <= SHORT_REPLY_WORDS || !asks) return [said];
    const answered = replyParts(questions(seen.raw, seen.context, true, seen.facts), seen.raw, seen.context).asked.filter(({ command }) => command.kind === 'answer');
    return [said, ...(reply === 'deny' ? notTheOffer(answered, seen.context) : answered)];
  }

  /**
   * The handoff's summary, "Is everything correct?": yes sends it; no asks what to change; "no,
   * that's it" closes it (sent); more words for the team are added and the summary shown again,
   * so nothing that says more than yes is ever sent as a yes.
   */
  function atSummary(seen: Seen): ReadCommand[] {
    const { raw, act, slots } = seen;
    const top = seen.distribution.best;
    const closes = top !== undefined && top.label === 'goodbye' && top.probability >= settings.topicConfidence;
    const short = seen.words.length <= SHORT_REPLY_WORDS;
    // "all correct, send it over" says yes and nothing more; "correct, add that the box was crushed"
    // the act model is not sure of, and is added to the message.
    const onlyYes = act.probability >= SURE_AT_PROMPT && seen.facts.urgent !== true;
    if (act.label === 'affirm' && (short || onlyYes || !saysSomething(raw) || closes || recognizers.yesNo(raw) === true)) return only(raw, { kind: 'affirm' });
    if (closes || act.label === 'thanks') return only(raw, { kind: 'affirm' });
    if (act.label === 'deny' && short) return only(raw, { kind: 'deny' });
    if (saysSomething(raw) && !short) return only(raw, { kind: 'fill', slots: { ...slots, description: raw } });
    if (act.label === 'affirm' || act.label === 'affirm_and_more') return only(raw, { kind: 'affirm' });
    if (act.label === 'deny' || act.label === 'deny_and_more') return only(raw, { kind: 'deny' });
    return only(raw, { kind: 'unclear' });
  }

  /** The message reports a problem (not a request for a person) at least this surely. */
  function reportsProblem(seen: Seen, confidence: number): boolean {
    const top = seen.distribution.best;
    return top !== undefined && REPORTS.has(top.label) && top.label !== 'handoff.human' && top.probability >= confidence;
  }

  /** A correction of a handoff detail: the value given, or the detail named ("the email is wrong"). */
  function correctionOf(seen: Seen): Command | undefined {
    const { raw, context, slots } = seen;
    if (context.flow !== 'handoff') return undefined;
    const named = slotNamed(raw);
    const typedName = named === undefined && slots.email === undefined && slots.orderNumber === undefined ? bareName(seen) : undefined;
    const name = named === 'name' ? readName(valueAfterSlotName(raw)) : typedName;
    const given: SlotValues = { ...slots, ...(name === undefined ? {} : { name }) };
    const slot: Slot | undefined = slots.email !== undefined ? 'email' : slots.orderNumber !== undefined ? 'orderNumber' : typedName !== undefined ? 'name' : named;
    if (slot === undefined) return undefined;
    // "Remove the order number", "I don't have an order number": the optional detail goes.
    if (slot === 'orderNumber' && slots.orderNumber === undefined && (seen.act.label === 'dont_know' || removesDetail(raw))) return { kind: 'skip', slot };
    return { kind: 'correct', slot, slots: given };
  }

  /**
   * A name typed on its own at the summary ("Casey Nguyen", "jane doe"): two to four name-like
   * words, no yes or no among them, and mostly words the models never met as English, or, typed
   * with capitals, at least one; "not quite" and "all good" are words, not a name.
   */
  function bareName(seen: Seen): string | undefined {
    // As typed: "Robin Hale" is a name, not "robin have".
    const words = typedWordsOf(seen.raw);
    if (words.length < 2 || words.length > 4 || recognizers.yesNo(seen.raw) !== undefined) return undefined;
    const unknown = words.filter((word) => !isEnglishWord(word)).length;
    const capitalised = seen.raw.trim().split(/\s+/).every((word) => /^\p{Lu}/u.test(word));
    if (unknown * 2 <= words.length && !(capitalised && unknown > 0)) return undefined;
    return readName(seen.raw);
  }

  /** The bot asked for a slot: its value, a way past it, a correction, or a question of the shopper's own. */
  function atPrompt(seen: Seen, awaiting: Slot): ReadCommand[] {
    const { raw, context, act, slots } = seen;
    const top = seen.distribution.best;
    // "None (of those)" at a prompt gives nothing for it: a way past it, not a question.
    const asks = asksSomething(act) && act.label !== 'other_options';
    const given = gives(seen, awaiting);
    if ((act.label === 'dont_know' || act.label === 'other_options') && !identifies(slots, awaiting) && !reasonAnyway(seen)) return only(raw, { kind: 'skip', slot: awaiting });
    if (act.label === 'correct' || act.label === 'deny_and_more') {
      const corrected = slots.orderNumber !== undefined && awaiting !== 'orderNumber' ? 'orderNumber' : slots.email !== undefined && awaiting !== 'email' ? 'email' : undefined;
      if (corrected !== undefined) return only(raw, { kind: 'correct', slot: corrected, slots });
    }
    // In the returns questions: "actually I wore it once" at the reason, "I meant the earrings" later on.
    const corrects = act.label === 'correct' || act.label === 'deny_and_more';
    if (context.flow === 'returns' && (awaiting === 'reason' || awaiting === 'condition')) {
      if (slots.condition !== undefined && awaiting === 'reason' && slots.reason === undefined) return only(raw, { kind: 'correct', slot: 'condition', slots });
      if (corrects && slots.item !== undefined && slots.item.words.length > 0) return only(raw, { kind: 'correct', slot: 'item', slots });
    }
    // "Lee Wong" typed at the handoff's email or order number question: the name, given late or changed.
    // An address said in words ("ana lima at gmail") is not a name: an email attempted, not given.
    const spellsAddress = seen.words.some((word) => EMAIL_SPOKEN_WORDS.has(word));
    if (context.flow === 'handoff' && (awaiting === 'email' || awaiting === 'orderNumber') && !given && !spellsAddress && seen.words.length <= 3) {
      const name = bareName(seen);
      if (name !== undefined) return only(raw, { kind: 'correct', slot: 'name', slots: { name } });
    }
    // Words for the team at a handoff question they do not answer: kept as the message.
    if (context.flow === 'handoff' && awaiting !== 'description' && !given && tellsTheTeam(seen, asks)) {
      return only(raw, { kind: 'fill', slots: { ...withoutSoft(slots), description: raw } });
    }
    // A question of the shopper's own at a prompt ("do I need an RA number?", "I'd like to know how
    // fast you reply first"): answered, and the prompt asked again. The description is the
    // shopper's own words, questions included.
    const yesOrNo = (): ReadCommand[] | undefined => {
      if (given || awaiting === 'description') return undefined;
      if (act.label === 'deny' && awaiting !== 'condition') return only(raw, { kind: 'skip', slot: awaiting });
      if (act.label === 'affirm' || act.label === 'deny') return only(raw, { kind: act.label });
      return undefined;
    };
    // A message of several parts may let the flow go in one and ask in another, whatever its whole
    // reads as ("wait no, I'll keep it. when do you open tomorrow" reads as a no); it is split only
    // when nothing cheaper settled that it asks.
    const severalParts = () => questionsIn(raw).length > 1;
    const plainly = yesOrNo();
    if (plainly !== undefined && !severalParts()) return plainly;
    const mayLetGo = () => act.label === 'cancel' || act.label === 'restart' || severalParts();
    if (awaiting !== 'description' && top !== undefined && top.probability >= settings.digressionConfidence && !given && !identifies(slots, awaiting) && (asks || mayLetGo())) {
      // The prompt could not use it: answered from its likeliest topic even below the usual bar. A
      // question about the flow itself ("how do returns work?" while returning) is about its policy.
      const read = questions(raw, context, true, seen.facts, settings.digressionConfidence).map((question) => ({ ...question, command: aboutPolicy(question.command, context) }));
      if (read.every(({ command }) => isDigression(command)) || lettingGoAndAsking(read)) return read;
    }
    // The shopper's words for the team take questions too, but not one that lets the handoff go
    // first ("nah actually nvm, how long do refunds take?"): that stops it and is answered.
    if (awaiting === 'description' && severalParts()) {
      const read = questions(raw, context, true, seen.facts, settings.digressionConfidence);
      if (lettingGoAndAsking(read)) return read;
    }
    if (plainly !== undefined) return plainly;
    // Something like an address that is not one ("pat@example"): the email was attempted.
    if (awaiting === 'email' && slots.email === undefined && raw.includes('@')) return only(raw, { kind: 'unclear' });
    const sure = top !== undefined && top.probability >= (asks ? settings.topicConfidence : SURE_AT_PROMPT);
    if (sure && !given && top !== undefined) {
      if (top.label === 'identity' || top.label === 'help' || top.label === 'thanks') return only(raw, { kind: 'smallTalk', talk: top.label });
      if (top.label === 'handoff.human' && awaiting !== 'description') return only(raw, { kind: 'person' });
    }
    if (awaiting === 'description') {
      const short = seen.words.length <= SHORT_REPLY_WORDS;
      const closes = top !== undefined && top.label === 'goodbye' && top.probability >= settings.topicConfidence;
      if (short && (act.label === 'deny' || act.label === 'goodbye' || closes || recognizers.yesNo(raw) === false)) return only(raw, { kind: 'deny' });
      // "no thats all, thanks": a no that only closes, however many words it takes.
      if (recognizers.yesNo(raw) === false && (NOT_A_VALUE_ACTS.has(act.label) || surelySmallTalk(seen))) return only(raw, { kind: 'deny' });
      if (short && act.label === 'affirm') return only(raw, { kind: 'affirm' });
      // "umm ok", "hi": nothing a person could act on.
      if (short && (!SAYS_SOMETHING_ACTS.has(act.label) || SMALL_TALK_LABELS.has(top?.label ?? ''))) return only(raw, { kind: 'unclear' });
      return saysSomething(raw) ? only(raw, { kind: 'fill', slots: { ...slots, description: raw } }) : only(raw, { kind: 'unclear' });
    }
    const softValues = !NOT_A_VALUE_ACTS.has(act.label) && act.label !== 'question';
    if (given || hasAnySlot(slots, softValues)) return only(raw, { kind: 'fill', slots: given ? slots : withoutSoft(slots) });
    return only(raw, { kind: 'unclear' });
  }

  /**
   * What happened, told at a handoff question it does not answer ("the chain snapped in the first
   * week" for the name, "its urgent, its for christmas" for the order number), or a statement too
   * long to be a name or a way past the question ("this is the second time my order came damaged
   * and nobody answered"): those words are what the team is to read.
   */
  function tellsTheTeam(seen: Seen, asks: boolean): boolean {
    const { act, raw, words } = seen;
    const top = seen.distribution.best;
    if (top?.label === 'handoff.human' && top.probability >= settings.topicConfidence) return false;
    if (!asks && (reportsProblem(seen, settings.topicConfidence) || (seen.facts.problem !== undefined && words.length > SHORT_REPLY_WORDS))) return true;
    if (seen.facts.urgent === true && !asks && words.length > SHORT_REPLY_WORDS) return true;
    return words.length >= STATEMENT_WORDS && !raw.includes('?') && !QUESTION_ACTS.has(act.label) && !NOT_A_VALUE_ACTS.has(act.label);
  }

  /** `name` stands in `raw` capitalised after its first word, as a name typed in a sentence does. */
  function capitalisedWithin(raw: string, name: string): boolean {
    const at = raw.indexOf(name.split(' ')[0] ?? name);
    const first = raw.charAt(at);
    return at > 0 && first !== first.toLowerCase();
  }

  /** The topic model surely reads the message as small talk ("great thanks", "hey there"). */
  function surelySmallTalk(seen: Seen): boolean {
    const top = seen.distribution.best;
    return top !== undefined && SMALL_TALK_LABELS.has(top.label) && top.probability >= settings.topicConfidence;
  }

  /** Whether the message gives the awaited slot's value. */
  function gives(seen: Seen, awaiting: Slot): boolean {
    const { slots, context, act } = seen;
    switch (awaiting) {
      case 'name':
        // A question is not a name ("are you a robot?"), and neither is a refusal, a plea ("its
        // urgent") or a sentence of everyday words ("its a christmas present").
        return (
          slots.name !== undefined &&
          !QUESTION_ACTS.has(act.label) &&
          // "ok thanks. Mo Diaz": thanks with a name the models never met as words.
          (!NOT_A_VALUE_ACTS.has(act.label) || (act.label === 'thanks' && !typedWordsOf(slots.name).every(isEnglishWord))) &&
          seen.facts.urgent !== true &&
          // "yes" is no name; "ok thanks. Mo Diaz" is one, its "ok" left before it.
          recognizers.yesNo(slots.name) === undefined &&
          !sentenceNotName(slots.name, seen.raw) &&
          // "perfect thank you!!" names no one: small talk, surely, in words the models know, and not
          // capitalised as a name is in mid-sentence ("thanks, its Grace Hope").
          !(surelySmallTalk(seen) && typedWordsOf(slots.name).every(isEnglishWord) && !capitalisedWithin(seen.raw, slots.name))
        );
      case 'item': {
        const item = slots.item;
        if (item === undefined || QUESTION_ACTS.has(act.label) || NOT_A_VALUE_ACTS.has(act.label)) return false;
        return namesChoice(slots, context) || item.place !== undefined || item.personalized === true || item.finalSale === true;
      }
      case 'description':
        return saysSomething(seen.raw);
      case 'orderNumber':
      case 'email':
        return slots[awaiting] !== undefined;
      default:
        // A value read by a model from the words counts only where the words give a value.
        return slots[awaiting] !== undefined && (!NOT_A_VALUE_ACTS.has(act.label) || reasonAnyway(seen)) && act.label !== 'question';
    }
  }

  /**
   * Asked why, "don't want it anymore" is the reason, neither a wish to stop nor "I don't know":
   * where the words give a reason, only a sure "cancel" lets the return go ("never mind, I'll keep
   * it"). Read wrongly the other way, the shopper would have to start the return again.
   */
  function reasonAnyway({ context, slots, act }: Seen): boolean {
    if (context.awaiting !== 'reason' || slots.reason === undefined) return false;
    return act.label === 'dont_know' || (act.label === 'cancel' && act.probability < SURE_AT_PROMPT);
  }

  /** Three or more everyday words typed in lower case: a sentence, not a name ("Rose Marie Taylor" typed so is one). */
  function sentenceNotName(name: string, raw: string): boolean {
    const words = typedWordsOf(name);
    return words.length >= 3 && words.every(isEnglishWord) && raw === raw.toLowerCase();
  }

  /** An item mention that names one of the items on screen ("the earrings", "the cuff"). */
  function namesChoice(slots: SlotValues, context: ReadingContext): boolean {
    const mention = slots.item;
    if (mention === undefined || context.choices.length === 0) return false;
    return matchItem({ words: mention.words, ...(mention.personalized ? { personalized: true } : {}) }, context.choices.map((choice) => ({ sku: '', name: choice.title }))) !== undefined;
  }

  /** Any identifier, or a value read from the words where the words give one. */
  function hasAnySlot(slots: SlotValues, softValues: boolean): boolean {
    return slots.orderNumber !== undefined || slots.email !== undefined || (softValues && (slots.condition !== undefined || slots.reason !== undefined));
  }

  /** The slot values read from words alone (not identifiers): kept only where they answer the question asked. */
  function withoutSoft(slots: SlotValues): SlotValues {
    const { name: _name, item: _item, ...rest } = slots;
    return rest;
  }

  /** An identifier given where one was asked for: the answer, even in a question ("is it KS-100234?"). */
  function identifies(slots: SlotValues, awaiting: Slot): boolean {
    return (awaiting === 'orderNumber' && slots.orderNumber !== undefined) || (awaiting === 'email' && slots.email !== undefined);
  }
}

/** A message read as one command. */
function only(raw: string, command: Command): ReadCommand[] {
  return [{ command, text: raw }];
}

/** A question read at a prompt that would start the flow already running asks about its policy instead. */
function aboutPolicy(command: Command, context: ReadingContext): Command {
  if (command.kind !== 'start' || command.flow !== context.flow) return command;
  const policy = FLOW_POLICY[command.topic];
  return policy === undefined ? command : { kind: 'answer', topic: policy, confidence: command.confidence };
}

/** "Never mind, what are your hours?": the flow let go, and a question answered. */
function lettingGoAndAsking(read: readonly ReadCommand[]): boolean {
  const letsGo = ({ command }: ReadCommand) => command.kind === 'cancel' || command.kind === 'restart';
  return read.some(letsGo) && read.some(({ command }) => isDigression(command)) && read.every((one) => letsGo(one) || isDigression(one.command));
}

/** What a question read at a prompt may be answered with, rather than passed to the flow. */
function isDigression(command: Command): boolean {
  return command.kind === 'answer' || command.kind === 'passage' || command.kind === 'outOfScope' || command.kind === 'smallTalk' || command.kind === 'start' || command.kind === 'person';
}

/**
 * The clauses of a message with more than one (cut at punctuation and "and"), else none; at most
 * the first MAX_CLAUSES, so a message packed with clauses costs no more than a long one.
 */
function clausesOf(text: string): string[] {
  const clauses = text
    .split(/[,.!?;]+|\s+and\s+/)
    .map((clause) => clause.trim())
    .filter((clause) => clause !== '')
    .slice(0, MAX_CLAUSES);
  return clauses.length > 1 ? clauses : [];
}

/** Beside a no to an offer: the offer's own topic answered again would be the offer again. */
function notTheOffer(read: readonly ReadCommand[], context: ReadingContext): ReadCommand[] {
  return read.filter(({ command }) => context.lastTopic === null || topicOf(command) !== context.lastTopic);
}

/** The catalog topic a command answers or starts, if any. */
function topicOf(command: Command): Topic | undefined {
  return command.kind === 'answer' || command.kind === 'passage' || command.kind === 'start' ? command.topic : undefined;
}

/** A greeting, thanks or goodbye beside a question: manners, not something to answer on its own. */
function isManners(command: Command): boolean {
  return command.kind === 'smallTalk' && (command.talk === 'greeting' || command.talk === 'thanks' || command.talk === 'goodbye');
}

/** Two questions read alike are one question: what makes a command's reading its own. */
function commandKey(command: Command): string {
  switch (command.kind) {
    // Two parts answered on one topic are one question asked twice ("not satisfied, how do I escalate").
    case 'answer':
    case 'passage':
      return `answer:${command.topic}`;
    case 'start':
      return `start:${command.topic}`;
    case 'smallTalk':
      return `smallTalk:${command.talk}`;
    default:
      return command.kind;
  }
}

/** The words after "name" in a correction ("my name should be Casey Nguyen", "name is Casey"). */
function valueAfterSlotName(text: string): string {
  const words = text.trim().split(/\s+/);
  const at = words.findIndex((word) => word.toLowerCase().startsWith('name'));
  const rest = words.slice(at + 1);
  const skip = new Set(['is', 'should', 'be', 'to', 'its', "it's", 'actually', 'not', 'wrong', 'spelled', 'as', ':', '-']);
  let start = 0;
  while (start < rest.length && skip.has((rest[start] ?? '').toLowerCase())) start += 1;
  return rest.slice(start).join(' ');
}

export type { ReadingContext, Reading } from './reading.types.js';
export type { MessageReader } from './reading-memo.js';
