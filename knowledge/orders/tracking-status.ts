// What a shopper is told about a verified order: the status with real
// dates, each date carrying where its figure comes from: a quoted policy (with the brand's own
// words and the section) or an operator setting (never presented as policy). Pure: `now` is an
// argument, and everything returned is plain JSON so it can sit in persisted machine context.
import {
  addBusinessDays,
  addCalendarDays,
  isPastEndOfDay,
  localDate,
  windowDates,
  type DayWindow,
  type IsoDate,
  type WindowDates,
} from '../calendar/business-days.js';
import type { BrandProfile, DurationUnit } from '../brands/brand-profile.schema.js';
import type { Source } from '../knowledge-base.types.js';
import type { Order } from './order.schema.js';

export type { IsoDate, WindowDates } from '../calendar/business-days.js';

/** A figure as the brand's documents state it, or as the store's own (operator) setting. */
export type FigureBasis =
  | { kind: 'policy'; source: Source; phrase: string }
  | { kind: 'operator'; min: number; max: number; unit: DurationUnit };

export interface ReturnWindowStatus {
  /** The last local day (brand zone) a return can be started. */
  endsOn: IsoDate;
  /** Whether `now` is still within `endsOn` (end of day, brand zone). */
  open: boolean;
  /** What the window counts from; always an operator setting (no document states it). */
  startsFrom: 'delivery' | 'order';
  basis: FigureBasis;
}

interface ShipmentFacts {
  carrier: string;
  trackingNumber: string;
  trackingUrl: string | null;
}

export type TrackingStatus =
  | {
      status: 'processing';
      /** Last day of the processing window counted from `placedAt`; null when no figure applies. */
      shipBy: IsoDate | null;
      /** True once `now` is past the whole of `shipBy` and the order has still not shipped. */
      pastShipBy: boolean;
      /** Null when the brand states no processing time and no operator default exists. */
      basis: FigureBasis | null;
      /** How long delivery takes once it ships ("when will it get here?"); null when no figure applies. */
      deliveryBasis: FigureBasis | null;
    }
  | (ShipmentFacts & {
      status: 'shipped';
      /** Null when the brand states no delivery time and no operator default exists. */
      deliveryBetween: WindowDates | null;
      basis: FigureBasis | null;
    })
  | (ShipmentFacts & {
      status: 'late';
      late: true;
      deliveryBetween: WindowDates;
      basis: FigureBasis;
    })
  | {
      status: 'delivered';
      deliveredOn: IsoDate;
      /** Null when the brand has no return window (quoted or set) or its start date is unknown. */
      returnWindow: ReturnWindowStatus | null;
    }
  | { status: 'cancelled' };

/** The subset of a brand profile this module reads. */
export type TrackingProfile = Pick<BrandProfile, 'timeZone' | 'timelines' | 'returns'>;

/** The brand's time zone: quoted ("EST" → America/New_York) or the operator's setting. */
export function brandTimeZone(profile: Pick<BrandProfile, 'timeZone'>): string {
  return 'operatorSetting' in profile.timeZone ? profile.timeZone.value : profile.timeZone.zone;
}

export function describeTracking(order: Order, profile: TrackingProfile, now: string): TrackingStatus {
  const zone = brandTimeZone(profile);
  switch (order.status) {
    case 'processing': {
      const timeline = figure(profile.timelines.processing);
      const shipBy = timeline && order.placedAt !== null ? windowDates(order.placedAt, timeline.window, zone).latest : null;
      return {
        status: 'processing',
        shipBy,
        pastShipBy: shipBy !== null && isPastEndOfDay(now, shipBy, zone),
        basis: timeline?.basis ?? null,
        deliveryBasis: figure(profile.timelines.delivery)?.basis ?? null,
      };
    }
    case 'shipped': {
      const facts: ShipmentFacts = { carrier: order.carrier, trackingNumber: order.trackingNumber, trackingUrl: order.trackingUrl };
      const timeline = figure(profile.timelines.delivery);
      if (!timeline) return { status: 'shipped', ...facts, deliveryBetween: null, basis: null };
      const deliveryBetween = windowDates(order.shippedAt, timeline.window, zone);
      if (isPastEndOfDay(now, deliveryBetween.latest, zone)) {
        return { status: 'late', late: true, ...facts, deliveryBetween, basis: timeline.basis };
      }
      return { status: 'shipped', ...facts, deliveryBetween, basis: timeline.basis };
    }
    case 'delivered':
      return { status: 'delivered', deliveredOn: localDate(order.deliveredAt, zone), returnWindow: returnWindow(order, profile, now, zone) };
    case 'cancelled':
      return { status: 'cancelled' };
  }
}

type Timeline = BrandProfile['timelines']['processing'];

function figure(fact: Timeline): { window: DayWindow; basis: FigureBasis } | null {
  if ('operatorSetting' in fact) {
    if (fact.value === null) return null;
    const { min, max, unit } = fact.value;
    return { window: dayWindow(min, max, unit), basis: { kind: 'operator', min, max, unit } };
  }
  return {
    window: dayWindow(fact.min, fact.max, fact.unit),
    basis: { kind: 'policy', source: { document: fact.document, section: fact.section }, phrase: fact.phrase },
  };
}

// docs/contracts.md, Definitions: "24-48 business hours" means one to two business days; hours round up to whole days
// because a shopper is given dates, never times.
function dayWindow(min: number, max: number, unit: DurationUnit): DayWindow {
  switch (unit) {
    case 'business_days':
      return { min, max, unit: 'business' };
    case 'days':
      return { min, max, unit: 'calendar' };
    case 'business_hours':
      return { min: Math.ceil(min / 24), max: Math.ceil(max / 24), unit: 'business' };
    case 'hours':
      return { min: Math.ceil(min / 24), max: Math.ceil(max / 24), unit: 'calendar' };
  }
}

function returnWindow(order: Order & { status: 'delivered' }, profile: TrackingProfile, now: string, zone: string): ReturnWindowStatus | null {
  const timeline = figure(profile.returns.window);
  if (!timeline) return null;
  const startsFrom = profile.returns.windowStart.value ?? 'delivery';
  const start = startsFrom === 'delivery' ? order.deliveredAt : order.placedAt;
  if (start === null) return null;
  const { max, unit } = timeline.window;
  const endsOn = unit === 'business' ? addBusinessDays(start, max, zone) : addCalendarDays(start, max, zone);
  return { endsOn, open: !isPastEndOfDay(now, endsOn, zone), startsFrom, basis: timeline.basis };
}
