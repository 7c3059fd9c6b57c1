// How an answer reads: the policy sentences first, the source named after them
// ("… (Customer Service Policy, §3)."), then at most one sentence that is not policy.
// Figures only ever come from profile facts that start-up has checked against the documents.
import type { BrandProfile, Duration, DurationUnit, QuotedFact, Statement } from '../brands/brand-profile.schema.js';
import { INTRO_SECTION_ID } from '../documents/section-parser.js';
import type { Answer, Source } from '../knowledge-base.types.js';
import type { Topic } from '../topics.js';

export interface BrandContext {
  profile: BrandProfile;
  /** The display name shoppers see (a quoted fact or an operator setting). */
  name: string;
}

export type AnswerBuilder = (brand: BrandContext) => Answer;

/** A policy sentence and the facts it rests on. */
export interface Part {
  say: string;
  from: readonly QuotedFact[];
}

const MAX_NEXT = 3;

export function statementsFor(brand: BrandContext, topic: Topic): Part[] {
  return (brand.profile.statements[topic] ?? []).map((statement: Statement) => ({ say: statement.say, from: [statement] }));
}

/** An answer from the brand's documents; `after` is a closing sentence that quotes nothing. */
export function stated(brand: BrandContext, topic: Topic, parts: readonly Part[], options: { next: readonly Topic[]; after?: string }): Answer {
  const sources = uniqueSources(parts.flatMap((part) => part.from));
  const sentences = parts.map((part) => asSentence(part.say));
  const last = sentences.pop() ?? '';
  sentences.push(last.replace(/([.!?])$/, ` (${cite(brand, sources)})$1`));
  if (options.after) sentences.push(asSentence(options.after));
  return { topic, text: plain(sentences.join(' ')), sources, stated: true, next: options.next.slice(0, MAX_NEXT) };
}

/**
 * The brand's documents say nothing on the topic: say so, offer a person, quote nothing.
 * `operatorNote` may mention an operator setting, worded as the team's default, never as policy.
 */
export function silent(brand: BrandContext, topic: Topic, what: string, options: { next: readonly Topic[]; operatorNote?: string }): Answer {
  const sentences = [`${policyOf(brand)} ${doesNot(brand)} say ${what}.`];
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

/** "(Customer Service Policy, §2, §3; Privacy Policy, §5)" without the parentheses. */
export function cite(brand: BrandContext, sources: readonly Source[]): string {
  const byDocument = new Map<string, string[]>();
  for (const { document, section } of sources) {
    const sections = byDocument.get(document) ?? [];
    sections.push(section === INTRO_SECTION_ID ? 'introduction' : `§${section}`);
    byDocument.set(document, sections);
  }
  return [...byDocument].map(([document, sections]) => `${titleOf(brand, document)}, ${sections.join(', ')}`).join('; ');
}

function titleOf(brand: BrandContext, document: string): string {
  return brand.profile.documents.find((candidate) => candidate.id === document)?.title ?? document;
}

function uniqueSources(facts: readonly QuotedFact[]): Source[] {
  const seen = new Set<string>();
  const sources: Source[] = [];
  for (const { document, section } of facts) {
    const key = `${document}\u0000${section}`;
    if (seen.has(key)) continue;
    seen.add(key);
    sources.push({ document, section });
  }
  return sources;
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

export function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

/** "James Avery Malls' policies" / "Kendra Scott Mall's policy". */
export function policyOf(brand: BrandContext): string {
  return `${possessive(brand.name)} ${brand.profile.documents.length > 1 ? 'policies' : 'policy'}`;
}

export function doesNot(brand: BrandContext): string {
  return brand.profile.documents.length > 1 ? "don't" : "doesn't";
}

const UNIT_WORDS: Record<DurationUnit, [singular: string, plural: string]> = {
  business_days: ['business day', 'business days'],
  days: ['day', 'days'],
  business_hours: ['business hour', 'business hours'],
  hours: ['hour', 'hours'],
};

/** "1-3 business days", "24 hours", "1 business day": from checked numbers, never typed. */
export function formatDuration(duration: Duration): string {
  const [singular, plural] = UNIT_WORDS[duration.unit];
  if (duration.min === duration.max) return `${duration.min} ${duration.min === 1 ? singular : plural}`;
  return `${duration.min}-${duration.max} ${plural}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
