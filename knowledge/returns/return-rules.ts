// Return rules read from a brand profile: which product issues a brand states how it handles,
// which it calls urgent, and its return window (stated, set by the operator, or neither).
import { isOperatorSetting, type BrandProfile, type Duration } from '../brands/brand-profile.schema.js';
import { addBusinessDays, addCalendarDays, isPastEndOfDay, type IsoDate } from '../calendar/business-days.js';
import type { Source } from '../knowledge-base.types.js';
import type { Order } from '../orders/order.schema.js';
import { brandTimeZone } from '../orders/tracking-status.js';
import type { ReturnWish } from './return-verdict.types.js';
import { sourceOf } from '../wording.js';

/** What the rules read of a brand profile. */
export type ReturnsProfile = Pick<BrandProfile, 'displayName' | 'documents' | 'timeZone' | 'timelines' | 'returns' | 'urgency' | 'channels' | 'statements'>;

export const PRODUCT_ISSUE_WISHES: readonly ReturnWish[] = ['damaged_on_arrival', 'defective', 'wrong_item'];

/** The profile's name for a product issue (`returns.productIssues`, `urgency.cases`, `returnShipping`). */
export const ISSUE_OF: Readonly<Partial<Record<ReturnWish, 'damaged' | 'defective' | 'wrong_item'>>> = {
  damaged_on_arrival: 'damaged',
  defective: 'defective',
  wrong_item: 'wrong_item',
};

/** The brand states how it handles this product issue (no time limit given). */
export function coversIssue(profile: ReturnsProfile, wish: ReturnWish): boolean {
  const issue = ISSUE_OF[wish];
  return issue !== undefined && (profile.returns.productIssues ?? []).some((fact) => fact.issues.includes(issue));
}

export type WindowBasis = { kind: 'policy'; source: Source; phrase: string } | { kind: 'operator'; duration: Duration };

export type ReturnWindowCheck =
  | { kind: 'none' }
  | { kind: 'unknownStart'; basis: WindowBasis; reason: 'notSet' | 'missingDate' }
  | { kind: 'window'; basis: WindowBasis; startsFrom: 'delivery' | 'order'; endsOn: IsoDate; open: boolean };

/** The brand's return window for a delivered order: stated, set by the operator, or neither. */
export function returnWindowFor(order: Order & { status: 'delivered' }, profile: ReturnsProfile, now: string): ReturnWindowCheck {
  const { window, windowStart } = profile.returns;
  const zone = brandTimeZone(profile);
  let basis: WindowBasis;
  let duration: Duration;
  if (isOperatorSetting(window)) {
    if (window.value === null) return { kind: 'none' };
    duration = window.value;
    basis = { kind: 'operator', duration };
  } else {
    duration = { min: window.min, max: window.max, unit: window.unit };
    basis = { kind: 'policy', source: sourceOf(window), phrase: window.phrase };
  }
  const startsFrom = windowStart.value;
  if (startsFrom === null) return { kind: 'unknownStart', basis, reason: 'notSet' };
  const start = startsFrom === 'delivery' ? order.deliveredAt : order.placedAt;
  if (start === null) return { kind: 'unknownStart', basis, reason: 'missingDate' };
  const endsOn = endOfSpan(start, duration, zone);
  return { kind: 'window', basis, startsFrom, endsOn, open: !isPastEndOfDay(now, endsOn, zone) };
}

/** "the “60-day” return process" / "30 days". */
export function windowWords(basis: WindowBasis): string {
  if (basis.kind === 'policy') return `“${basis.phrase}” return process`;
  const { min, max, unit } = basis.duration;
  const words = unit.startsWith('business') ? 'business days' : 'days';
  const days = (value: number) => (unit.endsWith('hours') ? Math.ceil(value / 24) : value);
  return min === max ? `${days(max)} ${words}` : `${days(min)}-${days(max)} ${words}`;
}

// The last day of a span: business units count business days, hours round up to whole days
// (a shopper is given dates, never times), as the tracking dates do.
export function endOfSpan(from: string, duration: Duration, zone: string): IsoDate {
  const days = duration.unit.endsWith('hours') ? Math.ceil(duration.max / 24) : duration.max;
  return duration.unit.startsWith('business') ? addBusinessDays(from, days, zone) : addCalendarDays(from, days, zone);
}
