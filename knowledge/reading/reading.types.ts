// What the Reading step makes of one shopper message (knowledge/reading/read-message.ts): its
// language, the identifiers and facts in it, and the commands the conversation acts on. The
// machines consume these types only; they never read the shopper's words themselves.
import type { BrandId } from '../brand-ids.js';
import type { Source } from '../knowledge-base.types.js';
import type { ItemCondition, ReturnWish } from '../returns/return-verdict.types.js';
import type { Topic } from '../topics.js';

/** The multi-turn flows a command can start. */
export type FlowName = 'tracking' | 'returns' | 'handoff';

/** The slot the bot has just asked for (`channelData.support.awaiting`). */
export type AwaitedSlot = 'orderNumber' | 'email' | 'name' | 'item' | 'condition' | 'reason' | 'description' | 'confirm';

/** The slots a shopper can fill or correct. */
export type Slot = Exclude<AwaitedSlot, 'confirm'>;

export type SmallTalk = 'greeting' | 'thanks' | 'goodbye' | 'help' | 'identity';

/**
 * What went wrong, as the shopper tells it: a return's reason (changed mind … wrong item) or a
 * delivery problem.
 */
export type Problem = ReturnWish | 'missing_package' | 'late_delivery';

export interface TopicScore {
  topic: Topic;
  /** 0..1 */
  confidence: number;
}

/** A sentence of the brand's documents, quoted word for word. */
export interface QuotedPassage {
  document: string;
  /** The printed heading number without its trailing dot, or "intro". */
  section: string;
  text: string;
}

/**
 * An item of an order as the shopper names it, before the order is known: the choice on screen
 * they picked, its place ("the second one"), or words of its name or kind ("the earrings", "the
 * personalized one"). knowledge/returns/item-match.ts finds it among an order's items.
 */
export interface ItemMention {
  /** 0-based place in the list shown or in the order ("the second one", "2"); -1: the last. */
  place?: number;
  /** The words that may name it, lower case, spelling as typed. */
  words: string[];
  personalized?: boolean;
  finalSale?: boolean;
}

/** Values for the flows' slots, read from the shopper's words. */
export interface SlotValues {
  /** As the shopper should see it: upper case, no "#". */
  orderNumber?: string;
  /** Lower case. */
  email?: string;
  name?: string;
  item?: ItemMention;
  /** `unused`: never worn, nothing said about the tags. */
  condition?: ItemCondition | 'unused';
  reason?: ReturnWish;
  /** The shopper's own words for the team. */
  description?: string;
}

/** What a message says that a person on the team would need, whatever else it does. */
export interface MessageFacts {
  problem?: Problem;
  /** The shopper says the matter is urgent or pressed for time. */
  urgent?: boolean;
  /** How many days ago the shopper says the order arrived. */
  daysSinceDelivery?: number;
}

export type Command =
  /** Start a flow; the message's slot values go with it. */
  | { kind: 'start'; flow: FlowName; topic: Topic; confidence: number }
  /** Values for the awaited slot (and any other slot the message gives). */
  | { kind: 'fill'; slots: SlotValues }
  /** Change a slot given before; without a value, ask for it again. */
  | { kind: 'correct'; slot: Slot; slots: SlotValues }
  /** The shopper cannot give the awaited slot ("I don't have the order number"). */
  | { kind: 'skip'; slot: Slot }
  | { kind: 'affirm' }
  | { kind: 'deny' }
  | { kind: 'cancel' }
  | { kind: 'restart' }
  | { kind: 'repeat' }
  /** A choice on screen, by its place (0-based). */
  | { kind: 'select'; choice: number }
  /** Not sure: these options are each plausible (possibly none). */
  | { kind: 'clarify'; options: TopicScore[] }
  | { kind: 'smallTalk'; talk: SmallTalk }
  /**
   * The topic's composed answer answers it. `alsoAsks`: the message also reads as a request
   * only the team can carry out ("can you change the engraving on my necklace": a change to an order).
   */
  | { kind: 'answer'; topic: Topic; confidence: number; alsoAsks?: Topic }
  /** The brand's own sentences answer it. */
  | { kind: 'passage'; topic: Topic; confidence: number; passages: QuotedPassage[] }
  /** `words`: what the message says beside asking for a person ("… the tracking hasnt moved in days"), for the team. */
  | { kind: 'person'; words?: string }
  | { kind: 'outOfScope'; confidence: number }
  | { kind: 'notEnglish'; language: string }
  /** Nothing the awaited slot can use, and no question either. */
  | { kind: 'unclear' };

export type CommandKind = Command['kind'];

/** One command and the words of the message it came from. */
export interface ReadCommand {
  command: Command;
  /** The part of the message this command reads (the whole message unless it asked several things). */
  text: string;
}

export interface LanguageReading {
  /** ISO 639-1, e.g. "es". */
  code: string;
  english: boolean;
}

export interface Reading {
  /** Null when the message is too short to tell. */
  language: LanguageReading | null;
  /** Every slot value the message gives, wherever it is typed. */
  slots: SlotValues;
  facts: MessageFacts;
  commands: ReadCommand[];
  /**
   * CPU time this reading took on the reading thread (bot/reading-thread.ts), in milliseconds: it
   * is charged to the client's CPU budget beside the service thread's own. Absent when the message
   * was read on the service's thread or remembered from before.
   */
  offThreadMs?: number;
}

/** What the conversation looks like when the message arrives: the machine's snapshot says it. */
export interface ReadingContext {
  brand: BrandId;
  /** The turn's time (ISO): "three weeks ago" counts from it. */
  now: string;
  awaiting: AwaitedSlot | null;
  /** The flow in progress: a "no" to the handoff's summary is not a "no" to an offer. */
  flow: FlowName | null;
  /** The choices on screen a shopper can pick by place or name (titles and what picking one says). */
  choices: ReadonlyArray<{ title: string; value: string }>;
  /** The last answer's topic and the sections it quoted: a follow-up leans on them. */
  lastTopic: Topic | null;
  lastSources: readonly Source[];
}
