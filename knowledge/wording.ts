// How every reply names things: a brand and its policy, a section of its documents, a span of
// days, a date and a time. The answers, the return verdicts and the flows' renderers all word
// these the same way because they all come here. Figures are never made up here: a duration is
// always one a profile holds (a checked quote or an operator setting).
import { DateTime } from 'luxon';
import type { DurationUnit } from './brands/brand-profile.schema.js';
import { INTRO_SECTION_ID } from './documents/section-parser.js';
import type { Source } from './knowledge-base.types.js';

/** What naming a brand and its documents reads of a profile. */
interface Documents {
  documents: readonly { id: string; title: string }[];
}
export interface NamingProfile extends Documents {
  displayName: { value: string };
}

export function brandName(profile: Pick<NamingProfile, 'displayName'>): string {
  return profile.displayName.value;
}

export function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

/** "James Avery Malls' policies" / "Kendra Scott Mall's policy". */
export function policyOf(profile: NamingProfile): string {
  return `${possessive(brandName(profile))} ${profile.documents.length > 1 ? 'policies' : 'policy'}`;
}

/** "don't" after "policies", "doesn't" after "policy". */
export function doesNot(profile: NamingProfile): string {
  return profile.documents.length > 1 ? "don't" : "doesn't";
}

/** "Kendra Scott Mall's policy doesn't" / "James Avery Malls' policies don't". */
export function policyDoesNot(profile: NamingProfile): string {
  return `${policyOf(profile)} ${doesNot(profile)}`;
}

/** "is" or "are" for an item's name: "the Drop Earrings are", "the Twisted Wire Ring is". */
export function isAre(name: string): 'is' | 'are' {
  const lastWord = name.replace(/\s*\(.*\)\s*$/, '').trim().split(/\s+/).at(-1) ?? '';
  return /[^s]s$/i.test(lastWord) ? 'are' : 'is';
}

// ---- sources -------------------------------------------------------------------------------

/** The section a quoted fact comes from, without the quote. */
export function sourceOf(fact: { document: string; section: string }): Source {
  return { document: fact.document, section: fact.section };
}

/** Each section once, in the order first named. */
export function uniqueSources(sources: readonly { document: string; section: string }[]): Source[] {
  const seen = new Set<string>();
  const unique: Source[] = [];
  for (const source of sources) {
    const key = `${source.document}\u0000${source.section}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(sourceOf(source));
  }
  return unique;
}

function documentTitle(profile: Documents, document: string): string {
  return profile.documents.find((candidate) => candidate.id === document)?.title ?? document;
}

/**
 * One section as a reply names it: "Customer Service Policy (§3)" (`parenthesized`),
 * "Customer Service Policy, §3" (`comma`), or "Customer Service Policy §3" where it already sits
 * in brackets (`bare`).
 */
export function citeSource(source: Source, profile: Documents, style: 'parenthesized' | 'comma' | 'bare'): string {
  const title = documentTitle(profile, source.document);
  if (source.section === INTRO_SECTION_ID) return style === 'parenthesized' ? `${title} (introduction)` : `${title}, introduction`;
  const section = sectionName(source.section);
  if (style === 'parenthesized') return `${title} (${section})`;
  return style === 'comma' ? `${title}, ${section}` : `${title} ${section}`;
}

/**
 * "§3" for a numbered section; a Markdown section without a number is named by its heading, as
 * its id spells it ("urgent-problems" → "“Urgent Problems”").
 */
const MINOR_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

export function sectionName(section: string): string {
  if (/^\d/.test(section)) return `§${section}`;
  const words = section.split('-').map((word, at) => (at > 0 && MINOR_WORDS.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)));
  return `“${words.join(' ')}”`;
}

/** Several sections, grouped by document: "Customer Service Policy, §2, §3; Privacy Policy, §5". */
export function citeSources(sources: readonly Source[], profile: Documents): string {
  const byDocument = new Map<string, string[]>();
  for (const { document, section } of sources) {
    const sections = byDocument.get(document) ?? [];
    sections.push(section === INTRO_SECTION_ID ? 'introduction' : sectionName(section));
    byDocument.set(document, sections);
  }
  return [...byDocument].map(([document, sections]) => `${documentTitle(profile, document)}, ${sections.join(', ')}`).join('; ');
}

// ---- durations -----------------------------------------------------------------------------

const UNIT_WORDS: Record<DurationUnit, [singular: string, plural: string]> = {
  business_days: ['business day', 'business days'],
  days: ['day', 'days'],
  business_hours: ['business hour', 'business hours'],
  hours: ['hour', 'hours'],
};

/** "1-3 business days", "24 hours", "1 business day". */
export function formatDuration(duration: { min: number; max: number; unit: DurationUnit }): string {
  const [singular, plural] = UNIT_WORDS[duration.unit];
  if (duration.min === duration.max) return `${duration.min} ${duration.min === 1 ? singular : plural}`;
  return `${duration.min}-${duration.max} ${plural}`;
}

// ---- dates and times -----------------------------------------------------------------------

function local(iso: string, zone: string): DateTime {
  const time = DateTime.fromISO(iso, { zone, locale: 'en-US' });
  if (!time.isValid) throw new RangeError(`invalid date "${iso}"`);
  return time;
}

/**
 * "Thursday, December 3": a local date (`2026-12-03`) or an instant, in the brand's zone. With
 * `today`, a date in another year carries it: "Friday, January 29, 2027".
 */
export function formatDate(iso: string, zone: string, today?: string): string {
  const date = local(iso, zone);
  const otherYear = today !== undefined && date.toFormat('yyyy') !== today.slice(0, 4);
  return date.toFormat(otherYear ? 'cccc, LLLL d, yyyy' : 'cccc, LLLL d');
}

/** "9:00 AM EST": an instant's wall time in the brand's zone. */
export function formatTime(iso: string, zone: string): string {
  return local(iso, zone).toFormat('h:mm a ZZZZ');
}
