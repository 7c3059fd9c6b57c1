// Start-up check of a brand profile against the parsed documents: every quote must still be in
// its section, and every value taken from a quote (phrase, address, hours, figures in a `say`)
// must still agree with it. Any problem means the documents and the profile have drifted apart.
import type { PolicyDocument } from '../documents/policy-documents.js';
import { normalizeWhitespace, type PolicySection } from '../documents/section-parser.js';
import { isQuotedFact, type BrandProfile, type QuotedFact } from './brand-profile.schema.js';

export interface ProfileProblem {
  brand: string;
  /** Where the fact sits in the profile, e.g. `timelines.refund`. */
  path: string;
  document: string;
  section: string;
  quote: string;
  problem: string;
  /** For a quote that no longer matches: the section's sentence closest to it, to show beside it. */
  nowReads?: string;
}

type Fact = QuotedFact & Record<string, unknown>;

/** Fields whose value must appear word for word in the fact's quote. */
const LITERAL_FIELDS = ['phrase', 'address', 'word', 'value', 'url', 'subject'] as const;

export interface CheckOptions {
  /** Check that each document's title appears in it: off when the titles come from the file names. */
  titles?: boolean;
}

export function checkProfile(profile: BrandProfile, documents: readonly PolicyDocument[], options: CheckOptions = {}): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  const normalized = new NormalizedTexts();
  for (const { id, title } of profile.documents) {
    const document = documents.find((candidate) => candidate.id === id);
    const base = { brand: profile.id, path: 'documents', document: id, section: '', quote: title };
    if (!document) problems.push({ ...base, problem: 'document is missing from the brand folder' });
    else if (options.titles !== false && !normalized.of(document.text).includes(title)) problems.push({ ...base, problem: 'document title no longer appears in the document' });
  }
  for (const { path, fact } of quotedFacts(profile, '')) {
    for (const problem of checkFact(fact, documents, normalized)) {
      const nowReads = problem === QUOTE_NOT_FOUND ? closestSentence(fact, documents) : undefined;
      problems.push({ brand: profile.id, path, document: fact.document, section: fact.section, quote: fact.quote, problem, ...(nowReads ? { nowReads } : {}) });
    }
  }
  return problems;
}

export function* quotedFacts(value: unknown, path: string): Generator<{ path: string; fact: Fact }> {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* quotedFacts(item, `${path}[${index}]`);
  } else if (isQuotedFact(value)) {
    yield { path, fact: value as Fact };
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) yield* quotedFacts(child, path ? `${path}.${key}` : key);
  }
}

function checkFact(fact: Fact, documents: readonly PolicyDocument[], normalized: NormalizedTexts): string[] {
  const document = documents.find((candidate) => candidate.id === fact.document);
  if (!document) return [`document "${fact.document}" not found`];
  const section = document.sections.find((candidate) => candidate.id === fact.section);
  if (!section) return [`section §${fact.section} not found in ${fact.document}`];
  const quote = normalizeWhitespace(fact.quote);
  const sectionText = normalized.of(section.text);
  if (!sectionText.includes(quote)) return [quoteNotFound(quote, document.sections, normalized)];

  const problems: string[] = [];
  for (const field of LITERAL_FIELDS) {
    const literal = fact[field];
    if (typeof literal === 'string' && !quote.includes(normalizeWhitespace(literal))) problems.push(`${field} "${literal}" is not in the quote`);
  }
  problems.push(...checkDuration(fact, quote, ''));
  for (const [key, child] of Object.entries(fact)) {
    if (typeof child === 'object' && child !== null && !Array.isArray(child)) problems.push(...checkDuration(child as Record<string, unknown>, quote, `${key}.`));
  }
  if (typeof fact.open === 'string' && typeof fact.close === 'string' && typeof fact.phrase === 'string') {
    problems.push(...checkHours(fact.phrase, fact.open, fact.close, fact.weekdays));
  }
  if (typeof fact.zone === 'string' && typeof fact.phrase === 'string') problems.push(...checkZone(fact.phrase, fact.zone));
  if (typeof fact.say === 'string') {
    for (const figure of figuresIn(fact.say)) {
      if (!quote.includes(figure) && !sectionText.includes(figure)) problems.push(`say: "${figure}" is not in the quote or its section`);
    }
  }
  return problems;
}

const QUOTE_NOT_FOUND = 'quote no longer matches the document';

function quoteNotFound(quote: string, sections: readonly PolicySection[], normalized: NormalizedTexts): string {
  const elsewhere = sections.find((section) => normalized.of(section.text).includes(quote));
  return elsewhere ? `quote moved to §${elsewhere.id}` : QUOTE_NOT_FOUND;
}

const wordsOf = (text: string): Set<string> => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** The sentence of the quote's section sharing the most words with it: what the document says now. */
function closestSentence(fact: Fact, documents: readonly PolicyDocument[]): string | undefined {
  const section = documents.find((d) => d.id === fact.document)?.sections.find((candidate) => candidate.id === fact.section);
  if (!section) return undefined;
  const quoted = wordsOf(fact.quote);
  let best: { text: string; score: number } | undefined;
  for (const sentence of normalizeWhitespace(section.text).split(/(?<=[.!?;])\s+/)) {
    const words = wordsOf(sentence);
    const shared = [...words].filter((word) => quoted.has(word)).length;
    const score = shared / (quoted.size + words.size - shared || 1);
    if (score > (best?.score ?? 0)) best = { text: sentence, score };
  }
  return best?.text;
}

// Each section is matched by dozens of quotes: normalise it once.
class NormalizedTexts {
  private readonly cache = new Map<string, string>();

  of(text: string): string {
    let normalized = this.cache.get(text);
    if (normalized === undefined) {
      normalized = normalizeWhitespace(text);
      this.cache.set(text, normalized);
    }
    return normalized;
  }
}

const DURATION_PHRASE = /^(\d+)(?:\s*[-–]\s*(\d+))?[\s-]+(business\s+)?(day|hour)s?$/i;

/** Reads "1-3 business days", "5-10 day", "24 hours", "7-day" into numbers and a unit. */
export function parseDurationPhrase(phrase: string): { min: number; max: number; unit: string } | null {
  const match = DURATION_PHRASE.exec(phrase.trim());
  if (!match) return null;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  const unit = `${match[3] ? 'business_' : ''}${(match[4] ?? '').toLowerCase()}s`;
  return { min, max, unit };
}

function checkDuration(value: Record<string, unknown>, quote: string, prefix: string): string[] {
  const { min, max, unit, phrase } = value;
  if (typeof phrase !== 'string' || typeof min !== 'number' || typeof max !== 'number' || typeof unit !== 'string') return [];
  const problems = prefix && !quote.includes(phrase) ? [`${prefix}phrase "${phrase}" is not in the quote`] : [];
  const parsed = parseDurationPhrase(phrase);
  if (!parsed) return [...problems, `${prefix}phrase "${phrase}" is not a duration`];
  if (parsed.min !== min || parsed.max !== max || parsed.unit !== unit) {
    problems.push(`${prefix}phrase "${phrase}" says ${parsed.min}-${parsed.max} ${parsed.unit}, the profile ${min}-${max} ${unit}`);
  }
  return problems;
}

const CLOCK = /(\d{1,2}):(\d{2})\s*(AM|PM)/gi;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEKDAY_RANGE = /(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s*(?:-|–|to)\s*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)/i;

function checkHours(phrase: string, open: string, close: string, weekdays: unknown): string[] {
  const problems: string[] = [];
  const times = [...phrase.matchAll(CLOCK)].map(([, hour = '0', minute = '00', meridiem = 'AM']) => {
    const h = (Number(hour) % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0);
    return `${String(h).padStart(2, '0')}:${minute}`;
  });
  if (times[0] !== open || times[1] !== close) problems.push(`phrase "${phrase}" gives ${times.join('-')}, the profile ${open}-${close}`);
  const range = WEEKDAY_RANGE.exec(phrase);
  if (range) {
    const from = WEEKDAYS.indexOf((range[1] ?? '').toLowerCase()) + 1;
    const to = WEEKDAYS.indexOf((range[2] ?? '').toLowerCase()) + 1;
    const expected = Array.from({ length: to - from + 1 }, (_, index) => from + index);
    if (JSON.stringify(expected) !== JSON.stringify(weekdays)) problems.push(`phrase "${phrase}" gives weekdays ${expected.join(',')}`);
  }
  return problems;
}

const ZONE_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/\bE[SD]?T\b|Eastern/, 'America/New_York'],
  [/\bC[SD]?T\b|Central/, 'America/Chicago'],
  [/\bM[SD]?T\b|Mountain/, 'America/Denver'],
  [/\bP[SD]?T\b|Pacific/, 'America/Los_Angeles'],
];

function checkZone(phrase: string, zone: string): string[] {
  const named = ZONE_WORDS.find(([pattern]) => pattern.test(phrase))?.[1];
  return named === zone ? [] : [`phrase "${phrase}" names ${named ?? 'no known zone'}, the profile ${zone}`];
}

const FIGURE = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b(?:www\.)?[a-z0-9-]+\.(?:com|net|org|example)\b|\d+(?:[.:,/-]\d+)*/gi;

/** The parts of a text a shopper would act on: numbers, times, email addresses, web addresses. */
export function figuresIn(text: string): string[] {
  return [...text.matchAll(FIGURE)].map(([figure]) => figure);
}
