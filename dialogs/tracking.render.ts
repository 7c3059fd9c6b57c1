// The tracking flow's status replies as messages (its asks are the verification's,
// dialogs/verify.render.ts): dates in the brand's time zone, each figure naming where it comes
// from: a quoted policy section, or the store's own setting, never passed off as policy.
import { ActionTypes, CardFactory, type Activity, type Attachment } from 'botbuilder';
import type { BrandId } from '../knowledge/brand-ids.js';
import type { BrandProfile } from '../knowledge/brands/brand-profile.schema.js';
import type { Source } from '../knowledge/knowledge-base.types.js';
import { startNote } from '../knowledge/returns/eligibility.js';
import { brandTimeZone, type FigureBasis, type IsoDate, type TrackingStatus } from '../knowledge/orders/tracking-status.js';
import type { Topic } from '../knowledge/topics.js';
import type { TrackingReply } from '../machines/tracking.machine.js';
import { citeSource, formatDate, formatDuration, sourceOf, uniqueSources } from '../knowledge/wording.js';
import { reachTeam } from './brand-words.js';
import { messageActivity, type BotMessage } from './message.js';

/** What the renderer reads of a brand profile. */
export type TrackingRenderProfile = Pick<BrandProfile, 'displayName' | 'documents' | 'timeZone' | 'channels' | 'statements' | 'returns'>;

const TOPIC = 'order.tracking' satisfies Topic;
const PERSON: readonly Topic[] = ['handoff.human'];

export function renderTrackingReply(brand: BrandId, reply: TrackingReply, profile: TrackingRenderProfile): Partial<Activity> {
  return renderStatus(brand, reply.status, reply.orderNumber, profile);
}

function renderStatus(brand: BrandId, status: TrackingStatus, orderNumber: string, profile: TrackingRenderProfile): Partial<Activity> {
  const zone = brandTimeZone(profile);
  const date = (iso: IsoDate) => formatDate(iso, zone);
  const name = displayName(profile);
  const say = (message: Omit<BotMessage, 'topic'>) => messageActivity(brand, { topic: TOPIC, ...message });
  switch (status.status) {
    case 'processing': {
      const { basis, shipBy } = status;
      if (shipBy === null || basis === null) {
        return say({
          text: `Your order ${orderNumber} is being prepared and hasn't shipped yet. ${name}'s policy doesn't state a processing time, so I can't give you a ship date; a person on the team can check on it if you like.`,
          choices: PERSON,
        });
      }
      const why = basisText(basis, 'processing', profile);
      if (status.pastShipBy) {
        return say({
          // The router offers a person, as a question, after this.
          text: `I'm sorry: your order ${orderNumber} hasn't shipped yet. It was expected to ship by ${date(shipBy)}, ${why}`,
          sources: basisSources(basis),
          choices: PERSON,
        });
      }
      // "When will it get here?": how long delivery takes once it ships, where a figure applies.
      const then = status.deliveryBasis === null ? '' : ` Once it ships, delivery takes ${deliveryTime(status.deliveryBasis, profile)}`;
      return say({
        text: `Your order ${orderNumber} is being prepared. It's expected to ship by ${date(shipBy)}, ${why}${then}`,
        sources: [...basisSources(basis), ...basisSources(status.deliveryBasis)].filter((source, at, all) => all.findIndex((other) => other.document === source.document && other.section === source.section) === at),
      });
    }
    case 'shipped': {
      const delivery =
        status.deliveryBetween === null || status.basis === null
          ? `${name}'s policy doesn't state a delivery time, so I can't estimate a delivery date; the carrier's tracking has the latest.`
          : `Expected delivery: between ${date(status.deliveryBetween.earliest)} and ${date(status.deliveryBetween.latest)}, ${basisText(status.basis, 'delivery', profile)}`;
      const activity = say({
        text: `Your order ${orderNumber} has shipped with ${status.carrier}. ${delivery}${shipmentLines(status)}`,
        sources: basisSources(status.basis),
      });
      return withCard(activity, shipmentCard(`Order ${orderNumber} has shipped`, status, status.deliveryBetween && `Expected delivery between ${date(status.deliveryBetween.earliest)} and ${date(status.deliveryBetween.latest)}`));
    }
    case 'late': {
      const promises = profile.statements['shipping.problem'] ?? [];
      const promise = promises.length > 0 ? promises.map((statement) => statement.say).join(' ') : `The team can look into it with the carrier.`;
      const reach = reachTeam(profile);
      const between = `between ${date(status.deliveryBetween.earliest)} and ${date(status.deliveryBetween.latest)}`;
      const activity = say({
        text: [
          `I'm sorry: your order ${orderNumber} shipped with ${status.carrier} and was expected to arrive ${between}, ${basisText(status.basis, 'delivery', profile)}`,
          "It's running late.",
          promise,
          reach.text.trim(),
        ].join(' ') + shipmentLines(status),
        sources: uniqueSources([...basisSources(status.basis), ...promises.map(sourceOf), ...reach.sources]),
        choices: PERSON,
      });
      return withCard(activity, shipmentCard(`Order ${orderNumber} is running late`, status, `Expected ${between}`));
    }
    case 'delivered': {
      const lines = [`Your order ${orderNumber} was delivered on ${date(status.deliveredOn)}.`];
      const window = status.returnWindow;
      if (window !== null) {
        const from = window.startsFrom === 'delivery' ? 'the delivery date' : 'the order date';
        const until = window.open ? `you can start a return until ${date(window.endsOn)}` : `the return window ended on ${date(window.endsOn)}`;
        lines.push(
          window.basis.kind === 'policy'
            ? `Under the “${window.basis.phrase}” return process in the ${citeSource(window.basis.source, profile, 'parenthesized')}, counted from ${from}${startNote(profile)}, ${until}.`
            : `The store's return window is ${formatDuration(window.basis)} from ${from} (a store setting rather than a stated policy), so ${until}.`,
        );
      }
      return say({ text: lines.join(' '), sources: window === null ? [] : basisSources(window.basis), choices: ['returns.start'] });
    }
    case 'cancelled':
      return say({
        text: `Your order ${orderNumber} was cancelled, so nothing is on its way. If you didn't expect that, a person on the team can look into it.`,
        choices: PERSON,
      });
  }
}

/** The closing paragraph: the link last and on its own line, so no punctuation sticks to it. */
function shipmentLines(status: { trackingNumber: string; trackingUrl: string | null }): string {
  return `\n\nTracking number: ${status.trackingNumber}${status.trackingUrl === null ? '' : `\nTrack it at ${status.trackingUrl}`}`;
}

function shipmentCard(title: string, status: { carrier: string; trackingNumber: string; trackingUrl: string | null }, delivery: string | null): Attachment {
  const buttons = status.trackingUrl === null ? [] : [{ type: ActionTypes.OpenUrl, title: 'Track package', value: status.trackingUrl }];
  return CardFactory.heroCard(title, delivery ?? 'The store states no delivery time; the carrier’s tracking has the latest.', [], buttons, {
    subtitle: `${status.carrier} · Tracking number ${status.trackingNumber}`,
  });
}

function withCard(activity: Partial<Activity>, card: Attachment): Partial<Activity> {
  return { ...activity, attachments: [card] };
}

/** Completes "…ship by <date>, " with where the figure comes from. */
function basisText(basis: FigureBasis, what: 'processing' | 'delivery', profile: TrackingRenderProfile): string {
  return basis.kind === 'policy'
    ? `based on the “${basis.phrase}” ${what} time in the ${citeSource(basis.source, profile, 'parenthesized')}.`
    : `an estimate from the store's usual ${what} time of ${formatDuration(basis)} (a store setting rather than a stated policy).`;
}

/** "the “6-12 day” delivery time in the Customer Service Policy (§3)." or the store's own estimate. */
function deliveryTime(basis: FigureBasis, profile: TrackingRenderProfile): string {
  return basis.kind === 'policy'
    ? `the “${basis.phrase}” delivery time in the ${citeSource(basis.source, profile, 'parenthesized')}.`
    : `about ${formatDuration(basis)} (the store's usual delivery time, a store setting rather than a stated policy).`;
}

function basisSources(basis: FigureBasis | null): Source[] {
  return basis?.kind === 'policy' ? [basis.source] : [];
}

function displayName(profile: TrackingRenderProfile): string {
  return profile.displayName.value;
}

