// How an answer reads: the policy sentences first, the source named after them
// ("… (Customer Service Policy, §3)."), then at most one sentence that is not policy.
// Figures only ever come from profile facts that start-up has checked against the documents.
import type { BrandProfile, QuotedFact, Statement } from '../brands/brand-profile.schema.js';
import type { Answer } from '../knowledge-base.types.js';
import type { Topic } from '../topics.js';
import { citeSources, policyDoesNot, uniqueSources } from '../wording.js';
import type { HandoffUrgency } from '../handoff/urgency.js';

export interface BrandContext {
  profile: BrandProfile;
  /** The display name shoppers see (a quoted fact or an operator setting). */
  name: string;
}

/** A problem the shopper reported, with the urgency the handoff would flag it with. */
export interface ReportedProblem {
  urgency: HandoffUrgency;
}

/** A topic's answer; `report` is a problem the shopper just reported, when the answer offers the team. */
export type AnswerBuilder = (brand: BrandContext, report?: ReportedProblem) => Answer;

/** A policy sentence and the facts it rests on. */
export interface Part {
  say: string;
  from: readonly QuotedFact[];
}

const MAX_NEXT = 3;

export function statementsFor(brand: BrandContext, topic: Topic): Part[] {
  return (brand.profile.statements[topic] ?? []).map((statement: Statement) => ({ say: statement.say, from: [statement] }));
}

/**
 * The topic's statements, else what the brand's quoted facts already say about it: a store whose
 * brand.yaml states a rule ("Engraved items are final sale") answers the topic from it without
 * writing the sentence twice, and its answers agree with its return verdicts.
 */
export function statementsOrFacts(brand: BrandContext, topic: Topic, facts: ReadonlyArray<Part | undefined>): Part[] {
  const statements = statementsFor(brand, topic);
  return statements.length > 0 ? statements : facts.filter((part): part is Part => part !== undefined);
}

/** An answer from the brand's documents; `after` is a closing sentence that quotes nothing. */
export function stated(brand: BrandContext, topic: Topic, parts: readonly Part[], options: { next: readonly Topic[]; after?: string }): Answer {
  const sources = uniqueSources(parts.flatMap((part) => part.from));
  const sentences = parts.map((part) => asSentence(part.say));
  const last = sentences.pop() ?? '';
  sentences.push(last.replace(/([.!?])$/, ` (${citeSources(sources, brand.profile)})$1`));
  if (options.after) sentences.push(asSentence(options.after));
  return { topic, text: plain(sentences.join(' ')), sources, stated: true, next: options.next.slice(0, MAX_NEXT) };
}

/**
 * The brand's documents say nothing on the topic: say so, offer a person, quote nothing.
 * `operatorNote` may mention an operator setting, worded as the team's default, never as policy.
 */
export function silent(brand: BrandContext, topic: Topic, what: string, options: { next: readonly Topic[]; operatorNote?: string }): Answer {
  const sentences = [`${policyDoesNot(brand.profile)} say ${what}.`];
  if (options.operatorNote) sentences.push(asSentence(options.operatorNote));
  sentences.push('I can pass your question to a person on the team.');
  const next = ['handoff.human' as const, ...options.next.filter((candidate) => candidate !== 'handoff.human')];
  return { topic, text: plain(sentences.join(' ')), sources: [], stated: false, next: next.slice(0, MAX_NEXT) };
}

/** Small talk quotes nothing and is never "silent policy". */
export function chat(topic: Topic, text: string, next: readonly Topic[]): Answer {
  return { topic, text: plain(text), sources: [], stated: true, next: next.slice(0, MAX_NEXT) };
}

/** The common case: the topic's statements, or "the policy doesn't say …". */
export function fromStatements(topic: Topic, what: string, next: readonly Topic[]): AnswerBuilder {
  return (brand) => {
    const parts = statementsFor(brand, topic);
    return parts.length > 0 ? stated(brand, topic, parts, { next }) : silent(brand, topic, what, { next });
  };
}

// Chat bubbles and the tests people write against them use plain apostrophes and quotes; the
// documents' typographic ones stay in the profile quotes, where they must match exactly.
function plain(text: string): string {
  return text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
}

function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
