// A conversation script (test/conversations/README.md): YAML read and checked here, so a script
// with a typo in a key, a topic that is not in the catalog or a slot that does not exist fails
// with its file name and the problem instead of quietly checking nothing.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { HandoffCategory } from '../../knowledge/handoff/handoff-case.types.js';
import { CATEGORY_LABELS } from '../../knowledge/handoff/subject.js';
import { TOPICS } from '../../knowledge/topics.js';
import type { AwaitingSlot } from '../../dialogs/support-channel-data.js';
import { BRAND_IDS } from '../support/brands.js';

// The slots of `channelData.support.awaiting` (docs/contracts.md); `satisfies` keeps the list in
// step with the type the dialogs use.
const AWAITING_SLOTS = ['orderNumber', 'email', 'name', 'item', 'condition', 'reason', 'description', 'confirm'] as const satisfies readonly AwaitingSlot[];
const CATEGORIES = Object.keys(CATEGORY_LABELS) as [HandoffCategory, ...HandoffCategory[]];

/** One value, or a list meaning "any of these". */
const oneOrAnyOf = <T extends z.ZodType>(value: T) => z.union([value, z.array(value).min(1)]);
const fragments = z.array(z.string().min(1)).min(1);

const expectationSchema = z.strictObject({
  /** Topic of the first message of the reply. */
  topic: oneOrAnyOf(z.enum(TOPICS)).optional(),
  /** Slot the last message of the reply waits for; null: none. */
  awaiting: oneOrAnyOf(z.enum(AWAITING_SLOTS).nullable()).optional(),
  /** Case-insensitive fragments that must all appear in the turn's messages. */
  says: fragments.optional(),
  /** Case-insensitive fragments that must appear in none of them. */
  not: fragments.optional(),
  /** Suggested-action values the last message must offer. */
  choices: fragments.optional(),
  /** Section ids ("2", "2.1", "intro") that must be among the last message's sources. */
  sources: fragments.optional(),
  /** Exact number of message activities in the reply. */
  messages: z.number().int().min(0).optional(),
});

const turnSchema = z.strictObject({
  shopper: z.string().min(1),
  expect: expectationSchema.optional(),
});

const ticketSchema = z.strictObject({
  urgent: z.boolean().optional(),
  category: z.enum(CATEGORIES).optional(),
  /** The customer's email, where the agent's reply goes. */
  replyTo: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  /** The order number on the ticket; null: none. */
  orderNumber: z.string().min(1).nullable().optional(),
  /** Whether the order's number and email matched, so the ticket carries the order's facts. */
  verified: z.boolean().optional(),
  /** A fragment of the subject. */
  subject: z.string().min(1).optional(),
  /** Fragments of the shopper's message to the team, or of anything they wrote since the handoff began. */
  says: fragments.optional(),
});

export const conversationScriptSchema = z.strictObject({
  brand: z.enum(BRAND_IDS),
  about: z.string().min(10, 'say in a sentence what this conversation checks'),
  turns: z.array(turnSchema).min(1),
  /** The one ticket this conversation stores, or `none`: it stores no ticket. Absent: not checked. */
  ticket: z.union([z.literal('none'), ticketSchema]).optional(),
});

export type ConversationScript = z.infer<typeof conversationScriptSchema>;
export type TurnExpectation = z.infer<typeof expectationSchema>;
export type TicketExpectation = z.infer<typeof ticketSchema>;

export class ScriptError extends Error {
  override name = 'ScriptError';
}

/** Reads and checks one script; throws a ScriptError naming the file (as `name`, default its path) and every problem. */
export function loadConversationScript(path: string, name = path): ConversationScript {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ScriptError(`${name}: not readable YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = conversationScriptSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.length === 0 ? '(script)' : issue.path.join('.')}: ${issue.message}`);
    throw new ScriptError(`${name}: not a valid conversation script:\n${problems.join('\n')}`);
  }
  return parsed.data;
}
