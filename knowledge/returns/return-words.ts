// Shared wording for return verdicts: how a brand, its policy and a section are named, and how a
// local date reads. Figures never come from here: only from profile facts or operator settings.
import { DateTime } from 'luxon';
import type { BrandProfile, Duration, DurationUnit } from '../brands/brand-profile.schema.js';
import type { IsoDate } from '../calendar/business-days.js';
import type { Source } from '../knowledge-base.types.js';

export type WordsProfile = Pick<BrandProfile, 'displayName' | 'documents'>;

export function brandName(profile: WordsProfile): string {
  return profile.displayName.value;
}

export function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

/** "Kendra Scott Mall's policy doesn't" / "James Avery Malls' policies don't". */
export function policyDoesNot(profile: WordsProfile): string {
  const several = profile.documents.length > 1;
  return `${possessive(brandName(profile))} ${several ? "policies don't" : "policy doesn't"}`;
}

/** "is" or "are" for an item's name: "the Drop Earrings are", "the Twisted Wire Ring is". */
export function isAre(name: string): 'is' | 'are' {
  const lastWord = name.replace(/\s*\(.*\)\s*$/, '').trim().split(/\s+/).at(-1) ?? '';
  return /[^s]s$/i.test(lastWord) ? 'are' : 'is';
}

export function policyOf(profile: WordsProfile): string {
  return `${possessive(brandName(profile))} ${profile.documents.length > 1 ? 'policies' : 'policy'}`;
}

/** "Customer Service Policy, §5", as answers name their sources. */
export function cite(source: Source, profile: WordsProfile): string {
  const title = profile.documents.find((document) => document.id === source.document)?.title ?? source.document;
  return source.section === 'intro' ? `${title}, introduction` : `${title}, §${source.section}`;
}

export function sourceOf(fact: { document: string; section: string }): Source {
  return { document: fact.document, section: fact.section };
}

/** "Friday, January 29", with the year when it is not the year of `today`. */
export function formatLocalDate(date: IsoDate, today: IsoDate): string {
  const local = DateTime.fromISO(date, { zone: 'UTC', locale: 'en-US' });
  if (!local.isValid) throw new RangeError(`invalid date "${date}"`);
  return local.toFormat(date.slice(0, 4) === today.slice(0, 4) ? 'cccc, LLLL d' : 'cccc, LLLL d, yyyy');
}

const UNIT_WORDS: Record<DurationUnit, [singular: string, plural: string]> = {
  business_days: ['business day', 'business days'],
  days: ['day', 'days'],
  business_hours: ['business hour', 'business hours'],
  hours: ['hour', 'hours'],
};

/** "30 days", "5-10 business days": an operator setting in words. */
export function formatDuration(duration: Duration): string {
  const [singular, plural] = UNIT_WORDS[duration.unit];
  if (duration.min === duration.max) return `${duration.min} ${duration.min === 1 ? singular : plural}`;
  return `${duration.min}-${duration.max} ${plural}`;
}

export function uniqueSources(sources: readonly Source[]): Source[] {
  const seen = new Set<string>();
  return sources.filter((source) => {
    const key = `${source.document}\u0000${source.section}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
