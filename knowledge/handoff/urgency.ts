// The one urgency rule: urgent exactly when the brand says so (docs/contracts.md, "Urgent"): the
// cases its documents call urgent, the shopper's own "it's urgent" where the documents invite
// marking a matter urgent, or, where the documents are silent, the operator's setting (none by
// default). What the bot tells the shopper about urgency and the ticket's flag both come from
// `urgencyOf`, so they cannot disagree.
//   james-avery-malls   damaged deliveries, incorrect orders, the shopper marking it (§2)
//   james-avery-artisan as the shopper marks it (§2.1)
//   kendra-scott-mall   missing shipments, defective items reported within the 7-day window (§2)
//   generic-store       operator setting, off by default
import { addBusinessDays, addCalendarDays, isPastEndOfDay, localDate } from '../calendar/business-days.js';
import type { BrandProfile, UrgentCase } from '../brands/brand-profile.schema.js';
import type { Source } from '../knowledge-base.types.js';
import { brandTimeZone } from '../orders/tracking-status.js';
import type { ReturnWish } from '../returns/return-verdict.types.js';
import type { HandoffCase, HandoffCategory } from './handoff-case.types.js';

export type UrgencyProfile = Pick<BrandProfile, 'urgency' | 'returns' | 'timeZone'>;

export interface HandoffUrgency {
  urgent: boolean;
  /** The brand's urgent cases this handoff matches (empty when not urgent). */
  because: UrgentCase[];
  /** Where the rule comes from: a policy section, or the operator's setting; null when not urgent. */
  basis: { kind: 'policy'; source: Source } | { kind: 'operator' } | null;
  /** The word an urgent subject starts with ("URGENT", "Urgent"). */
  word: string;
  /** For the agent: why a case was or was not flagged when that took a judgement. */
  notes: string[];
}

const CATEGORY_CASES: Partial<Record<HandoffCategory, UrgentCase>> = {
  damaged: 'damaged',
  defective: 'defective',
  wrong_item: 'wrong_item',
  missing_package: 'missing',
  late_delivery: 'late',
};

const WISH_CASES: Partial<Record<ReturnWish, UrgentCase>> = {
  damaged_on_arrival: 'damaged',
  defective: 'defective',
  wrong_item: 'wrong_item',
};

/** The urgent-case kinds a handoff is an instance of, whatever the brand thinks of them. */
export function urgentCasesOf(handoffCase: HandoffCase): UrgentCase[] {
  const cases = new Set<UrgentCase>();
  const byCategory = CATEGORY_CASES[handoffCase.category];
  if (byCategory !== undefined) cases.add(byCategory);
  // A piece that arrived broken is a defective item too, as far as the brand's defect window goes
  // (kendra-scott-mall §2 "defective items reported within the 7-day window"): a shopper's "broken"
  // does not choose between damaged and defective, and the window still applies.
  if (handoffCase.category === 'damaged') cases.add('defective');
  // A shipment past the end of its delivery window and still not delivered is what the
  // documents call a missing shipment (kendra-scott-mall §2).
  if (handoffCase.category === 'late_delivery') cases.add('missing');
  const verdict = handoffCase.returnVerdict;
  const byWish = verdict?.productIssue ? WISH_CASES[verdict.wish] : undefined;
  if (byWish !== undefined) cases.add(byWish);
  // Whether the shopper said so was read once, by the Reading step, from their own words.
  if (handoffCase.shopperSaysUrgent === true) cases.add('shopper_says_urgent');
  return [...cases];
}

export function subjectWordOf(profile: Pick<BrandProfile, 'urgency'>): string {
  const word = profile.urgency.subjectWord;
  return 'operatorSetting' in word ? word.value : word.word;
}

/** The brand's urgent cases and where they come from. */
export function brandUrgentCases(profile: Pick<BrandProfile, 'urgency'>): { cases: readonly UrgentCase[]; source: Source | null } {
  const cases = profile.urgency.cases;
  return 'operatorSetting' in cases ? { cases: cases.value, source: null } : { cases: cases.cases, source: { document: cases.document, section: cases.section } };
}

/**
 * Whether and why this handoff is urgent for this brand. `at` (ISO, the time of reporting) decides
 * windows such as kendra-scott-mall's "defective items reported within the 7-day window".
 */
export function urgencyOf(profile: UrgencyProfile, handoffCase: HandoffCase, at?: string): HandoffUrgency {
  const word = subjectWordOf(profile);
  const brand = brandUrgentCases(profile);
  const notes: string[] = [];
  const order = handoffCase.verifiedOrder;
  const because = urgentCasesOf(handoffCase).filter((urgentCase) => {
    if (!brand.cases.includes(urgentCase)) return false;
    // Only a parcel on its way can be late; a missing one was sent, and may show as delivered yet
    // never have come ("it says delivered but it's not here"). An order still being prepared is neither.
    const sent = order === undefined || order.status === 'shipped' || (urgentCase === 'missing' && order.status === 'delivered');
    if ((urgentCase === 'late' || urgentCase === 'missing') && !sent) {
      if (!notes.some((note) => note.startsWith(`Order ${order.orderNumber} is`))) {
        notes.push(`Order ${order.orderNumber} is ${order.status}, not in transit, so not flagged as a late or missing shipment.`);
      }
      return false;
    }
    if (urgentCase !== 'defective') return true;
    const window = defectWindow(profile, handoffCase, at);
    if (window.note !== undefined) notes.push(window.note);
    return window.within;
  });
  const urgent = because.length > 0;
  return {
    urgent,
    because,
    basis: urgent ? (brand.source === null ? { kind: 'operator' } : { kind: 'policy', source: brand.source }) : null,
    word,
    notes,
  };
}

/**
 * A defect counts as urgent only when reported within the brand's defect window, if it has one.
 * Unknown delivery date: treated as within, so a real defect is not deprioritised for lack of
 * proof; the note tells the agent to check.
 */
function defectWindow(profile: UrgencyProfile, handoffCase: HandoffCase, at: string | undefined): { within: boolean; note?: string } {
  const window = profile.returns.defectReportWindow;
  if (window === undefined) return { within: true };
  if (handoffCase.returnVerdict?.reasons.some((reason) => reason.code === 'defect_report_late')) {
    return { within: false, note: `Defect reported after the ${window.phrase} window, so not flagged urgent.` };
  }
  const order = handoffCase.verifiedOrder;
  if (order?.status !== 'delivered' || at === undefined) {
    const days = handoffCase.daysSinceDelivery;
    if (days !== undefined) {
      // The shopper's own "two months after delivery": counted in calendar days, generously.
      const within = days <= (window.unit === 'business_days' ? Math.ceil((window.max * 7) / 5) : window.max);
      return {
        within,
        note: `Delivery date not verified; the shopper says about ${days} day${days === 1 ? '' : 's'} after delivery, ${within ? 'within' : 'past'} the ${window.phrase} window${within ? '' : ', so not flagged urgent'}.`,
      };
    }
    return { within: true, note: `Delivery date not verified: flagged as a defect within the ${window.phrase} window; please check.` };
  }
  const zone = brandTimeZone(profile);
  const add = window.unit === 'business_days' ? addBusinessDays : addCalendarDays;
  const lastDay = add(order.deliveredAt, window.max, zone);
  if (isPastEndOfDay(at, lastDay, zone)) {
    return { within: false, note: `Delivered ${localDate(order.deliveredAt, zone)}; defect reported after the ${window.phrase} window (ended ${lastDay}), so not flagged urgent.` };
  }
  return { within: true, note: `Delivered ${localDate(order.deliveredAt, zone)}; defect reported within the ${window.phrase} window.` };
}
