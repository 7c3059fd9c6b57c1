// What a script expects, compared with what the bot did: each check returns the problems in
// words, empty when the turn (or the ticket) is as the script says.
import type { Activity } from 'botbuilder';
import type { HandoffTicket } from '../../knowledge/handoff/handoff-ticket.types.js';
import type { TicketExpectation, TurnExpectation } from './conversation-script.schema.js';

/** What a script can check of a stored ticket. */
export type TicketFacts = Pick<HandoffTicket, 'reference' | 'category' | 'customer' | 'orderNumber' | 'subject' | 'description' | 'verifiedOrder' | 'shopperWrote'> & { urgency: { urgent: boolean } };

/** One bot message as a script sees it. */
export interface BotLine {
  text: string;
  topic: string | null;
  awaiting: string | null;
  choices: string[];
  sources: string[];
}

export function botLineOf(activity: Partial<Activity>): BotLine {
  const support = (activity.channelData as { support?: { topic?: string; awaiting?: string | null; sources?: Array<{ section?: string }> } } | undefined)?.support;
  return {
    text: activity.text ?? '',
    topic: support?.topic ?? null,
    awaiting: support?.awaiting ?? null,
    choices: (activity.suggestedActions?.actions ?? []).map((action) => String(action.value)),
    sources: (support?.sources ?? []).map((source) => String(source.section)),
  };
}

const listOf = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const show = (value: unknown): string => (value === null ? 'null' : typeof value === 'string' ? value : JSON.stringify(value));
const anyOf = (values: unknown[]): string => (values.length === 1 ? show(values[0]) : `any of ${values.map(show).join(', ')}`);
const contains = (text: string, fragment: string): boolean => text.toLowerCase().includes(fragment.toLowerCase());
const sameChoice = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

export function checkTurn(expected: TurnExpectation | undefined, lines: readonly BotLine[]): string[] {
  if (expected === undefined) return [];
  const problems: string[] = [];
  const first = lines[0];
  const last = lines.at(-1);
  const allText = lines.map((line) => line.text).join('\n');

  if (expected.messages !== undefined && lines.length !== expected.messages) {
    problems.push(`expected ${expected.messages} message(s), got ${lines.length}`);
  }
  if (expected.topic !== undefined) {
    const topics = listOf(expected.topic);
    if (first === undefined || !topics.includes(first.topic as never)) problems.push(`topic: expected ${anyOf(topics)}, got ${show(first?.topic ?? 'no message')}`);
  }
  if (expected.awaiting !== undefined) {
    const slots = listOf(expected.awaiting);
    if (last === undefined || !slots.includes(last.awaiting as never)) problems.push(`awaiting: expected ${anyOf(slots)}, got ${show(last === undefined ? 'no message' : last.awaiting)}`);
  }
  for (const fragment of expected.says ?? []) {
    if (!contains(allText, fragment)) problems.push(`says: "${fragment}" is not in the replies`);
  }
  for (const fragment of expected.not ?? []) {
    if (contains(allText, fragment)) problems.push(`not: "${fragment}" is in the replies`);
  }
  for (const choice of expected.choices ?? []) {
    if (!(last?.choices ?? []).some((offered) => sameChoice(offered, choice))) problems.push(`choices: "${choice}" is not offered (offered: ${show(last?.choices ?? [])})`);
  }
  // An answer to a question asked at a prompt comes before the prompt asked again: any message of the turn may cite.
  const cited = [...new Set(lines.flatMap((line) => line.sources))];
  for (const section of expected.sources ?? []) {
    if (!cited.includes(section)) problems.push(`sources: section "${section}" is not cited (cited: ${show(cited)})`);
  }
  return problems;
}

/** The conversation's stored tickets against the script's `ticket:` (undefined: not checked). */
export function checkTickets(expected: TicketExpectation | 'none' | undefined, tickets: readonly TicketFacts[]): string[] {
  if (expected === undefined) return [];
  if (expected === 'none') return tickets.length === 0 ? [] : [`ticket: expected none, ${tickets.length} stored (${tickets.map(describeTicket).join('; ')})`];
  const ticket = tickets.length === 1 ? tickets[0] : undefined;
  if (ticket === undefined) return [`ticket: expected exactly one, ${tickets.length} stored${tickets.length > 0 ? ` (${tickets.map(describeTicket).join('; ')})` : ''}`];
  const problems: string[] = [];
  const field = (name: string, want: unknown, got: unknown, same = want === got) => {
    if (!same) problems.push(`ticket ${name}: expected ${show(want)}, got ${show(got)}`);
  };
  if (expected.urgent !== undefined) field('urgent', expected.urgent, ticket.urgency.urgent);
  if (expected.category !== undefined) field('category', expected.category, ticket.category);
  if (expected.replyTo !== undefined) field('replyTo', expected.replyTo, ticket.customer.email, sameChoice(expected.replyTo, ticket.customer.email));
  if (expected.name !== undefined) field('name', expected.name, ticket.customer.name, sameChoice(expected.name, ticket.customer.name));
  if (expected.orderNumber !== undefined) {
    const same = expected.orderNumber === null ? ticket.orderNumber === null : ticket.orderNumber !== null && sameChoice(expected.orderNumber, ticket.orderNumber);
    field('orderNumber', expected.orderNumber, ticket.orderNumber, same);
  }
  if (expected.verified !== undefined) field('verified', expected.verified, ticket.verifiedOrder !== null);
  if (expected.subject !== undefined && !contains(ticket.subject, expected.subject)) problems.push(`ticket subject: "${expected.subject}" is not in "${ticket.subject}"`);
  // What the agent reads of the shopper: the message they confirmed and everything they wrote since the handoff began.
  const words = [ticket.description, ...(ticket.shopperWrote ?? [])].join('\n');
  for (const fragment of expected.says ?? []) {
    if (!contains(words, fragment)) problems.push(`ticket says: "${fragment}" is not in the shopper's words "${words}"`);
  }
  return problems;
}

export function describeTicket(ticket: TicketFacts): string {
  return `${ticket.reference} ${ticket.urgency.urgent ? 'urgent ' : ''}${ticket.category}, ${ticket.customer.name} <${ticket.customer.email}>, order ${ticket.orderNumber ?? 'none'}${ticket.verifiedOrder === null ? '' : ' (verified)'}, subject "${ticket.subject}", message "${ticket.description}"`;
}
