// Reads a new store's policy documents for the settings they state in plain words (an email
// address to write to, a reply time, a return window, support hours…) and proposes each as a
// quoted fact for brand.yaml, for the operator to review (`npm run brand:new`, scripts/brand-new.ts).
// Pure: documents in, proposals out. A proposal quotes the shortest whole sentence (or bullet) that
// states it, and every proposal passes the start-up check (profile-check.ts); one that would not is
// left out, so a scaffolded folder always starts.
import type { PolicyDocument } from '../documents/policy-documents.js';
import { normalizeWhitespace } from '../documents/section-parser.js';
import { brandDefaults } from './brand-defaults.js';
import {
  BrandIdSchema,
  BrandProfileSchema,
  DurationUnitSchema,
  type DurationUnit,
  type QuotedFact,
  type UrgentCase,
} from './brand-profile.schema.js';
import { checkProfile, parseDurationPhrase } from './profile-check.js';

/** Where a proposal goes in brand.yaml, in the order brand.yaml lists them. `channels` is one entry of the list. */
export const PROPOSED_SETTINGS = [
  'timeZone',
  'hours',
  'supportInbox',
  'replyTime',
  'channels',
  'timelines.processing',
  'timelines.delivery',
  'timelines.refund',
  'returns.window',
  'returns.windowStart',
  'returns.finalSaleNonRefundable',
  'returns.customNonRefundableUnlessDefective',
  'urgency.subjectWord',
  'urgency.cases',
] as const;
export type ProposedSetting = (typeof PROPOSED_SETTINGS)[number];

export type ProposedFact = QuotedFact & Record<string, unknown>;

export interface Proposal {
  setting: ProposedSetting;
  /** The quoted fact as brand.yaml writes it: { document, section, quote, ...fields }. */
  fact: ProposedFact;
  /** What was read in the quote, for the operator: "1-2 business days", "help@silver-moon.example". */
  reads: string;
}

/** The settings the documents seem to state, each checked against its quote; none when they state nothing recognisable. */
export function proposeSettings(documents: readonly PolicyDocument[]): Proposal[] {
  if (documents.length === 0) return [];
  const sentences = documents.flatMap(sentencesOf);
  const found = new Map<ProposedSetting, Proposal>();
  const propose = (proposal: Proposal | undefined): void => {
    if (proposal && !found.has(proposal.setting)) found.set(proposal.setting, proposal);
  };
  // Document order: the first sentence that states a setting is the one proposed.
  for (const sentence of sentences) {
    for (const proposal of contactProposals(sentence)) propose(proposal);
    for (const proposal of hoursProposals(sentence)) propose(proposal);
    for (const proposal of durationProposals(sentence)) propose(proposal);
    for (const proposal of nonReturnableProposals(sentence)) propose(proposal);
    for (const proposal of urgencyProposals(sentence)) propose(proposal);
  }
  const ordered = PROPOSED_SETTINGS.flatMap((setting) => found.get(setting) ?? []);
  return withoutProblems(ordered, documents);
}

/** The proposals as brand.yaml's settings: nested where the profile nests them, in schema order. */
export function settingsFromProposals(proposals: readonly Proposal[]): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const { setting, fact } of proposals) {
    const [top = '', nested] = setting.split('.');
    if (setting === 'channels') {
      settings.channels = [...((settings.channels as unknown[] | undefined) ?? []), fact];
    } else if (nested) {
      settings[top] = { ...(settings[top] as object | undefined), [nested]: fact };
    } else {
      settings[top] = fact;
    }
  }
  return settings;
}

// ---------------------------------------------------------------------------------------------
// Sentences: what a proposal may quote.

interface Sentence {
  document: string;
  section: string;
  /** The section's heading and the bullet's label: context for reading, never quoted. */
  context: string;
  /** The sentence as the section has it, whitespace-normalised. */
  text: string;
}

const BULLET_MARK = /^\s*(?:[•\-*]|\d{1,2}[.)])\s+/;
const LONE_MARK = /^\s*[-•]\s*$/;
const BULLET_LABEL = /^([A-Z][A-Za-z&'’/() -]{0,48}?):\s+(?=\S)/;
const LINE_END = /[.!?:;]$/;
// A sentence ends at . ! ? before a capital, a quote or a bracket: "e.g., damaged" and "U.S. holidays" stay whole.
const SENTENCE_END = /(?<=[.!?])\s+(?=[A-Z“"‘'(\[])/;

/** Every sentence of the document's sections; a bullet's first sentence also without its label. */
function sentencesOf(document: PolicyDocument): Sentence[] {
  const sentences: Sentence[] = [];
  for (const section of document.sections) {
    for (const block of blocksOf(section.text)) {
      const parts = block.text.split(SENTENCE_END).filter((part) => part.length > 0);
      for (const [index, text] of parts.entries()) {
        const base = { document: document.id, section: section.id, context: `${section.heading} ${block.label}` };
        const label = index === 0 && block.label ? BULLET_LABEL.exec(text) : null;
        // Shortest first: the sentence without the bullet's label, then with it.
        if (label) sentences.push({ ...base, text: text.slice(label[0].length) });
        sentences.push({ ...base, text });
      }
    }
  }
  return sentences;
}

/**
 * A section's paragraphs and bullets, each as one whitespace-normalised text: a line ending
 * without punctuation runs on into the next (hard-wrapped prose), a bullet starts a new block.
 */
function blocksOf(sectionText: string): Array<{ text: string; label: string }> {
  const blocks: Array<{ text: string; label: string }> = [];
  let lines: string[] = [];
  let bullet = false;
  let nextIsBullet = false;
  const close = (): void => {
    const text = normalizeWhitespace(lines.join(' '));
    if (text) blocks.push({ text, label: bullet ? (BULLET_LABEL.exec(text)?.[1] ?? '') : '' });
    lines = [];
    bullet = false;
  };
  for (const line of sectionText.split('\n')) {
    if (line.trim() === '') {
      close();
    } else if (LONE_MARK.test(line)) {
      close();
      nextIsBullet = true;
    } else {
      const mark = BULLET_MARK.exec(line);
      if (mark || nextIsBullet) {
        close();
        bullet = true;
      }
      lines.push(mark ? line.slice(mark[0].length) : line);
      nextIsBullet = false;
      if (LINE_END.test(line.trimEnd())) close();
    }
  }
  close();
  return blocks;
}

function quoted(sentence: Sentence, fields: Record<string, unknown> = {}): ProposedFact {
  return { document: sentence.document, section: sentence.section, quote: sentence.text, ...fields };
}

// ---------------------------------------------------------------------------------------------
// Contact: an email address to write to, and the subject word urgent mail should carry.

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const CONTACT_WORDS = /\b(?:contact|reach|e-?mail|write|message|questions?|inquir(?:y|ies)|support|help|get in touch)\b/i;
// An address for escalations or privacy requests is not where everyday handoffs go.
const NOT_SUPPORT = /escalat|privacy|personal (?:data|information)|unsubscribe|press|wholesale|careers/i;

function contactProposals(sentence: Sentence): Proposal[] {
  const address = EMAIL.exec(sentence.text)?.[0];
  if (!address || !CONTACT_WORDS.test(sentence.text) || NOT_SUPPORT.test(`${sentence.context} ${sentence.text}`)) return [];
  return [
    { setting: 'supportInbox', fact: quoted(sentence, { address }), reads: address },
    { setting: 'channels', fact: quoted(sentence, { kind: 'email', address, say: `by email at ${address}` }), reads: `email, ${address}` },
  ];
}

// ---------------------------------------------------------------------------------------------
// Hours and time zone: "Monday–Friday, 9:00 AM–5:00 PM ET" (the clock format profile-check reads).

const CLOCK = /(\d{1,2}):(\d{2})\s*(AM|PM)/gi;
const DAY_NAMES = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun';
const DAY_RANGE = new RegExp(`\\b(${DAY_NAMES})\\.?\\s*(?:-|–|—|to|through|thru)\\s*(${DAY_NAMES})\\b\\.?`, 'i');
const EVERY_WEEKDAY = /\b(?:weekdays)\b/i;
const EVERY_DAY = /\b(?:daily|every day|(?:7|seven) days a week)\b/i;
const ZONE = /\b(?:(Eastern|Central|Mountain|Pacific)(?:\s+(?:Standard|Daylight))?(?:\s+Time)?(?!\s+European)|([ECMP])[SD]?T)\b/;
const ZONES: Record<string, string> = { E: 'America/New_York', C: 'America/Chicago', M: 'America/Denver', P: 'America/Los_Angeles' };

function hoursProposals(sentence: Sentence): Proposal[] {
  const times = [...sentence.text.matchAll(CLOCK)];
  const [first, second] = times;
  if (!first || !second) return [];
  const proposals: Proposal[] = [];
  const zone = ZONE.exec(sentence.text);
  if (zone) {
    const letter = (zone[1] ?? zone[2] ?? '').charAt(0).toUpperCase();
    const name = ZONES[letter];
    if (name) proposals.push({ setting: 'timeZone', fact: quoted(sentence, { zone: name, phrase: zone[0] }), reads: `${name} ("${zone[0]}")` });
  }
  const days = weekdaysIn(sentence.text);
  if (days) {
    const start = Math.min(days.index, first.index);
    let end = Math.max(days.index + days.text.length, second.index + second[0].length);
    // "… 5:00 PM ET": the zone belongs to the phrase; "(Eastern Time, ET)" stays outside it.
    const zoneAfter = new RegExp(`^\\s+${ZONE.source}`).exec(sentence.text.slice(end));
    if (zoneAfter) end += zoneAfter[0].length;
    const phrase = sentence.text.slice(start, end);
    const open = clockTime(first);
    const close = clockTime(second);
    proposals.push({ setting: 'hours', fact: quoted(sentence, { weekdays: days.weekdays, open, close, phrase }), reads: `${phrase} (${open}-${close})` });
  }
  return proposals;
}

function clockTime([, hour = '0', minute = '00', meridiem = 'AM']: RegExpMatchArray): string {
  const h = (Number(hour) % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0);
  return `${String(h).padStart(2, '0')}:${minute}`;
}

function weekdaysIn(text: string): { weekdays: number[]; index: number; text: string } | null {
  const range = DAY_RANGE.exec(text);
  if (range) {
    const from = dayNumber(range[1] ?? '');
    const to = dayNumber(range[2] ?? '');
    if (from > 0 && to >= from) return { weekdays: span(from, to), index: range.index, text: range[0] };
    return null;
  }
  const weekdays = EVERY_WEEKDAY.exec(text);
  if (weekdays) return { weekdays: span(1, 5), index: weekdays.index, text: weekdays[0] };
  const daily = EVERY_DAY.exec(text);
  if (daily) return { weekdays: span(1, 7), index: daily.index, text: daily[0] };
  return null;
}

function dayNumber(name: string): number {
  return ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function span(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

// ---------------------------------------------------------------------------------------------
// Durations: reply time, processing, delivery, refund, and the return window.

const DURATION = /\b\d+(?:\s*[-–]\s*\d+)?[\s-]+(?:business\s+)?(?:day|hour)s?\b/gi;
// "5 to 7 days": the "7 days" alone would misread the span.
const SPAN_BEFORE = /(?:\d\s*(?:to|or|and|\/)\s*|[\d.,/])$/i;
// Clauses: "1-3 day order processing, 6-12 day delivery, and 5-10 day refund timelines".
const CLAUSE_BREAK = /[,;()—]|\s[–-]\s|\s(?:and|but|or|while|then)\s/gi;

const REPLY_WORDS = /\b(?:respond(?:s|ed|ing)?|response|repl(?:y|ies|ied)|get back to you|hear back|hear from us|answer(?:s|ed)?)\b/i;
const POSTAL = /\b(?:mail(?:ed|ing)?|post|letters?)\b/i;
const REFUND_WORDS = /\brefund(?:s|ed)?\b/i;
const RETURN_WORDS = /\b(?:return(?:s|ed)?|exchange(?:s|d)?|send\b[^,.;]{0,30}?\bback)\b/i;
const PROCESSING_WORDS = /\b(?:process(?:ed|es|ing)?|prepar(?:e|ed|es|ing|ation)|dispatch(?:ed|es)?|ships?(?: out)?|shipped|handling|made to order|leaves? our)\b/i;
const DELIVERY_WORDS = /\b(?:deliver(?:y|ies|ed)?|arriv(?:e|es|al)|transit|shipping)\b/i;
const WINDOW_START = /^\s+(?:of|from|after)\s+(?:the\s+)?(?:date\s+of\s+)?(?:your\s+|the\s+)?(?:original\s+)?(delivery|receipt|receiving|arrival|purchase|order)\b/i;
const WINDOW_AFTER = /^\s+(?:return|exchange)|^\s+to\s+(?:request\s+an?\s+|start\s+an?\s+)?(?:return|exchange|send)/i;

type DurationKind = 'reply' | 'refund' | 'window' | 'processing' | 'delivery';

interface FoundDuration {
  phrase: string;
  min: number;
  max: number;
  unit: DurationUnit;
  kind: DurationKind;
  /** For a return window: the word naming when it starts ("delivery", "purchase"). */
  startWord?: string;
}

function durationProposals(sentence: Sentence): Proposal[] {
  const proposals: Proposal[] = [];
  for (const duration of durationsIn(sentence.text)) {
    const { phrase, min, max, unit } = duration;
    const fields = { min, max, unit, phrase };
    switch (duration.kind) {
      case 'reply': {
        if (POSTAL.test(sentence.text) && !/e-?mail/i.test(sentence.text)) break;
        const channel = /\bform\b/i.test(sentence.text) && !/e-?mail/i.test(sentence.text) ? 'contact_form' : 'email';
        proposals.push({ setting: 'replyTime', fact: quoted(sentence, { ...fields, channel }), reads: `${phrase} (${channel.replace('_', ' ')})` });
        break;
      }
      case 'processing':
      case 'delivery':
        proposals.push({ setting: `timelines.${duration.kind}`, fact: quoted(sentence, fields), reads: phrase });
        break;
      case 'refund': {
        const startsAfter = /\binspect/i.test(sentence.text) ? { startsAfter: 'return_inspected' } : {};
        proposals.push({ setting: 'timelines.refund', fact: quoted(sentence, { ...fields, ...startsAfter }), reads: phrase });
        break;
      }
      case 'window': {
        if (unit !== 'days' && unit !== 'business_days') break;
        const startWord = duration.startWord?.toLowerCase();
        const from = startWord === undefined ? '' : ` of ${startWord === 'receiving' ? 'receipt' : startWord}`;
        const count = min === max ? `${min}` : `${min}–${max}`;
        const say = `Returns are accepted within ${count} ${unit === 'business_days' ? 'business ' : ''}day${max === 1 ? '' : 's'}${from}.`;
        proposals.push({ setting: 'returns.window', fact: quoted(sentence, { ...fields, say }), reads: `${phrase}${from}` });
        // Only the words brand.yaml may hold: "receipt" or "purchase" is left for the operator to set.
        if (startWord === 'delivery' || startWord === 'order') {
          proposals.push({ setting: 'returns.windowStart', fact: quoted(sentence, { value: startWord }), reads: `from ${startWord}` });
        }
        break;
      }
    }
  }
  return proposals;
}

/** Each duration in the sentence that parses, with what its clause says it measures. */
function durationsIn(text: string): FoundDuration[] {
  const clauses = clauseRanges(text);
  const found: FoundDuration[] = [];
  for (const match of text.matchAll(DURATION)) {
    const index = match.index;
    if (SPAN_BEFORE.test(text.slice(0, index))) continue;
    const phrase = match[0];
    const parsed = parseDurationPhrase(phrase);
    const unit = DurationUnitSchema.safeParse(parsed?.unit);
    if (!parsed || !unit.success) continue;
    const [clauseStart, clauseEnd] = clauses.find(([start, end]) => index >= start && index < end) ?? [0, text.length];
    const before = text.slice(clauseStart, index);
    const after = text.slice(index + phrase.length, clauseEnd);
    const rest = text.slice(index + phrase.length);
    // A clause naming nothing ("…, within 5-10 business days") reads the sentence before it, for the
    // specific words only: "resolution process" earlier in a sentence says nothing about processing.
    const kind = kindOf(before, after, rest) ?? kindOf(text.slice(0, index), '', rest, { specificOnly: true });
    if (!kind) continue;
    found.push({ phrase, min: parsed.min, max: parsed.max, unit: unit.data, ...kind });
  }
  return found;
}

/** What a duration measures, from the words of its clause before and after it. */
function kindOf(before: string, after: string, rest: string, { specificOnly = false } = {}): { kind: DurationKind; startWord?: string } | null {
  const clause = `${before} ${after}`;
  if (REPLY_WORDS.test(clause)) return { kind: 'reply' };
  if (REFUND_WORDS.test(before)) return { kind: 'refund' };
  const start = WINDOW_START.exec(rest);
  if (RETURN_WORDS.test(before) || WINDOW_AFTER.test(rest)) return { kind: 'window', ...(start ? { startWord: start[1] } : {}) };
  if (specificOnly) return null;
  if (REFUND_WORDS.test(after)) return { kind: 'refund' };
  // "Parcels arrive 3-6 days after dispatch": the words before the duration say what it measures.
  for (const words of [before, after]) {
    if (PROCESSING_WORDS.test(words)) return { kind: 'processing' };
    if (DELIVERY_WORDS.test(words)) return { kind: 'delivery' };
  }
  return null;
}

/** [start, end) of each clause of the sentence. */
function clauseRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (const match of text.matchAll(CLAUSE_BREAK)) {
    ranges.push([start, match.index]);
    start = match.index + match[0].length;
  }
  ranges.push([start, text.length]);
  return ranges;
}

// ---------------------------------------------------------------------------------------------
// What cannot be returned: personalised pieces, and Final Sale items.

const NOT_RETURNABLE = /\bnon-?\s?refundable\b|\bnon-?\s?returnable\b|\b(?:cannot|can ?not|can't|can’t) be (?:returned|refunded|exchanged)\b|\bnot (?:eligible for (?:a )?(?:return|refund|exchange)s?|returnable|refundable)\b|\bno returns\b|\bfinal sale\b/i;
const CUSTOM_WORDS = /\b(?:engrav(?:ed|ing)|personali[sz](?:ed|ation)|custom(?:i[sz]ed)?|monogramm?ed|bespoke|made to order)\b/i;
const FINAL_SALE = /\bfinal sale\b/i;

function nonReturnableProposals(sentence: Sentence): Proposal[] {
  if (!NOT_RETURNABLE.test(sentence.text)) return [];
  if (CUSTOM_WORDS.test(sentence.text)) {
    return [{ setting: 'returns.customNonRefundableUnlessDefective', fact: quoted(sentence, { say: sentence.text }), reads: 'personalised pieces cannot be returned' }];
  }
  // "Final Sale" alone is a label; with non-refundable / cannot be returned it is the rule.
  const rule = sentence.text.replace(new RegExp(FINAL_SALE.source, 'gi'), '');
  if (FINAL_SALE.test(sentence.text) && NOT_RETURNABLE.test(rule)) {
    return [{ setting: 'returns.finalSaleNonRefundable', fact: quoted(sentence), reads: 'Final Sale items are non-refundable' }];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// Urgency: which cases the documents call urgent, and the word urgent mail carries.

const URGENT = /\burgent\b|\bpriorit(?:y|ise|ize|ized|ised)\b/i;
const URGENT_CASES: ReadonlyArray<[Exclude<UrgentCase, 'shopper_says_urgent'>, RegExp, string]> = [
  ['damaged', /\bdamaged?\b/i, 'damaged items'],
  ['defective', /\bdefect(?:s|ive)?\b|\bfaulty\b|\bbroken\b/i, 'defective items'],
  ['wrong_item', /\b(?:wrong|incorrect)\b/i, 'wrong items'],
  ['missing', /\bmissing\b|\blost\b|\bnever arrived\b/i, 'missing packages'],
  ['late', /\blate\b|\bdelay(?:s|ed)?\b|\boverdue\b/i, 'late orders'],
  ['undeliverable', /\bundeliverable\b/i, 'undeliverable packages'],
];
const SUBJECT_WORD = /\bsubject\b[^.]*?[“"‘']([A-Za-z]+)[”"’']|[“"‘']([A-Za-z]+)[”"’'][^.]*?\bsubject\b/i;

function urgencyProposals(sentence: Sentence): Proposal[] {
  if (!URGENT.test(sentence.text)) return [];
  const proposals: Proposal[] = [];
  const subject = SUBJECT_WORD.exec(sentence.text);
  const word = subject?.[1] ?? subject?.[2];
  if (word && /urgent/i.test(word)) proposals.push({ setting: 'urgency.subjectWord', fact: quoted(sentence, { word }), reads: word });
  const named = URGENT_CASES.filter(([, pattern]) => pattern.test(sentence.text));
  if (named.length > 0) {
    const cases: UrgentCase[] = named.map(([urgent]) => urgent);
    // Asked to mark mail urgent, the shopper's own "it's urgent" counts too.
    if (word) cases.push('shopper_says_urgent');
    const say = joinList(named.map(([, , words]) => words));
    proposals.push({ setting: 'urgency.cases', fact: quoted(sentence, { cases, say }), reads: cases.join(', ') });
  }
  return proposals;
}

function joinList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

// ---------------------------------------------------------------------------------------------
// The start-up check: a proposal that would stop the store from starting is not proposed.

function withoutProblems(proposals: readonly Proposal[], documents: readonly PolicyDocument[]): Proposal[] {
  const given = documents[0]?.brand ?? '';
  const id = BrandIdSchema.safeParse(given).success ? given : 'new-store';
  const defaults = brandDefaults(id, documents) as unknown as Record<string, unknown>;
  let kept = [...proposals];
  for (;;) {
    const settings = settingsFromProposals(kept);
    const profile: Record<string, unknown> = { ...defaults, ...settings };
    for (const key of ['timelines', 'returns', 'urgency']) profile[key] = { ...(defaults[key] as object), ...(settings[key] as object | undefined) };
    const parsed = BrandProfileSchema.safeParse(profile, { jitless: true });
    const failing = parsed.success
      ? checkProfile(parsed.data, documents, { titles: false }).map((problem) => problem.path)
      : parsed.error.issues.map((issue) => issue.path.map(String).join('.'));
    if (failing.length === 0) return kept;
    const rest = kept.filter((proposal) => !failing.some((path) => settingOf(path) === proposal.setting || path.startsWith(`${proposal.setting}.`)));
    // A problem no proposal caused would be a bug in the defaults: propose nothing rather than loop.
    if (rest.length === kept.length) return [];
    kept = rest;
  }
}

/** "channels[0].say" and "channels.0.say" are the channels proposal; "timelines.refund.min" the refund one. */
function settingOf(path: string): string {
  const plain = path.replace(/\[\d+\].*$/, '').replace(/\.\d+(?:\..*)?$/, '');
  return PROPOSED_SETTINGS.find((setting) => plain === setting || plain.startsWith(`${setting}.`)) ?? plain;
}
