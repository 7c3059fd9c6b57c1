// The tracking flow (DESIGN, Flows → Tracking): order number → the order's email → verify →
// status with dates. A child of the conversation router: it receives the shopper's messages as
// `user.said`, sends each reply up as `flow.reply`, and ends with what the router needs next.
//
// No leaks: nothing about an order reaches a reply until `verifyOrder` says number and email
// match, and an unknown order and a wrong email take the same path to the same reply.
import { assign, enqueueActions, fromPromise, sendParent, setup } from 'xstate';
import type { BrandId } from '../knowledge/brand-ids.js';
import { BRAND_PROFILES } from '../knowledge/brands/index.js';
import { emailsMatch, normalizeOrderNumber, orderNumbersMatch } from '../knowledge/orders/order-matching.js';
import type { Order } from '../knowledge/orders/order.schema.js';
import { describeTracking, type TrackingStatus } from '../knowledge/orders/tracking-status.js';
import type { FlowReplyEvent, FlowReprompt, UserSaid } from './flow-events.js';

/** Failed number + email pairs, per conversation, before the bot stops asking. */
export const MAX_FAILED_ATTEMPTS = 3;

export type TrackingSlot = 'orderNumber' | 'email';
export type TrackingAskProblem = 'notAnOrderNumber' | 'emailInsteadOfNumber' | 'notAnEmail' | 'notMatched';

export type TrackingReply =
  | { kind: 'tracking.ask'; slot: TrackingSlot; problem?: TrackingAskProblem }
  | { kind: 'tracking.status'; status: TrackingStatus; orderNumber: string }
  | { kind: 'tracking.gaveUp' }
  | { kind: 'tracking.locked'; retryAfterSeconds: number }
  | { kind: 'tracking.unavailable' };

export type TrackingReplyEvent = FlowReplyEvent<TrackingReply>;

export type VerifyOrderInput = { brand: BrandId; orderNumber: string; email: string };
export type VerifyOrderResult =
  | { outcome: 'verified'; order: Order }
  | { outcome: 'notMatched' }
  | { outcome: 'locked'; retryAfterSeconds: number };

export interface TrackingInput {
  brand: BrandId;
  /** The time of the turn that started the flow (ISO): dates for an at-once answer count from it. */
  at: string;
  orderNumber?: string;
  email?: string;
  /** An order this conversation already proved is the shopper's. */
  verifiedOrder?: Order;
  /** Failures earlier in this conversation (from a previous tracking flow's output). */
  failedAttempts?: number;
}

export type TrackingEvent = UserSaid | FlowReprompt;

export type HandoffReason = 'late' | 'notShipped' | 'gaveUp' | 'locked' | 'unavailable';

export interface TrackingOutput {
  verifiedOrder?: Order;
  /** The flow ended where a person should be offered next. */
  offerHandoff: boolean;
  /** Why, when `offerHandoff`: lets the handoff flag the case as the brand defines urgency. */
  handoffReason?: HandoffReason;
  /** Carry into the next tracking flow's input, so "start over" does not reset the limit. */
  failedAttempts: number;
}

export interface TrackingContext {
  brand: BrandId;
  orderNumber: string | null;
  email: string | null;
  verifiedOrder: Order | null;
  failedAttempts: number;
  /** The time of the latest event (ISO): "now" for the dates of the answer. */
  at: string;
  handoffReason: HandoffReason | null;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[a-z]{2,}$/i;

/** The whole message read as an order number ("3310492", "#KS-100234", "ks 100234"), if it is one. */
export function readOrderNumber(text: string): string | undefined {
  const normalized = normalizeOrderNumber(text);
  const digits = normalized.replace(/\D/g, '').length;
  return /^[A-Z0-9]{3,24}$/.test(normalized) && digits >= 3 ? normalized : undefined;
}

/** The whole message read as an email address (trimmed, angle brackets or a trailing dot dropped). */
export function readEmail(text: string): string | undefined {
  const candidate = text.trim().replace(/^<(.*)>$/, '$1').replace(/[.!]+$/, '');
  return EMAIL.test(candidate) ? candidate.toLowerCase() : undefined;
}

function saidOrderNumber(event: UserSaid): string | undefined {
  return event.understanding.entities.orderNumber ?? readOrderNumber(event.text);
}

function saidEmail(event: UserSaid): string | undefined {
  return event.understanding.entities.email ?? readEmail(event.text);
}

function looksLikeEmail(event: UserSaid): boolean {
  return saidEmail(event) !== undefined || event.text.includes('@');
}

function handoffReasonFor(status: TrackingStatus): HandoffReason | null {
  if (status.status === 'late') return 'late';
  if (status.status === 'processing' && status.pastShipBy) return 'notShipped';
  return null;
}

function reply(reply: TrackingReply): TrackingReplyEvent {
  return { type: 'flow.reply', reply };
}

export const trackingMachine = setup({
  types: {
    context: {} as TrackingContext,
    events: {} as TrackingEvent,
    input: {} as TrackingInput,
    output: {} as TrackingOutput,
  },
  actors: {
    verifyOrder: fromPromise<VerifyOrderResult, VerifyOrderInput>(async () => {
      throw new Error('verifyOrder is supplied by the composition root with trackingMachine.provide()');
    }),
  },
  guards: {
    tooManyFailures: ({ context }) => context.failedAttempts >= MAX_FAILED_ATTEMPTS,
    asksForVerifiedOrder: ({ context }) =>
      context.verifiedOrder !== null && context.orderNumber !== null && orderNumbersMatch(context.orderNumber, context.verifiedOrder.orderNumber),
    hasBothSlots: ({ context }) => context.orderNumber !== null && context.email !== null,
    hasOrderNumber: ({ context }) => context.orderNumber !== null,
    saidOrderNumber: ({ event }) => event.type === 'user.said' && saidOrderNumber(event) !== undefined,
    saidEmail: ({ event }) => event.type === 'user.said' && saidEmail(event) !== undefined,
    saidSomethingLikeAnEmail: ({ event }) => event.type === 'user.said' && looksLikeEmail(event),
    verified: ({ context }, result: VerifyOrderResult) =>
      // The actor is trusted to check, but a mismatch here would leak another shopper's order,
      // so the machine checks again what it can: the brand, the number and the email.
      result.outcome === 'verified' &&
      result.order.brand === context.brand &&
      context.orderNumber !== null &&
      orderNumbersMatch(context.orderNumber, result.order.orderNumber) &&
      context.email !== null &&
      emailsMatch(context.email, result.order.email),
    locked: (_, result: VerifyOrderResult) => result.outcome === 'locked',
    lastAttempt: ({ context }) => context.failedAttempts + 1 >= MAX_FAILED_ATTEMPTS,
  },
  actions: {
    noteTime: assign({ at: ({ event }) => event.at }),
    takeSlots: assign(({ context, event }) => {
      if (event.type !== 'user.said') return {};
      const orderNumber = saidOrderNumber(event);
      const email = saidEmail(event);
      // A number replacing an earlier one is a different order: its email must be given again.
      // An email kept from before any number was given still goes with the first number.
      const replacesNumber = orderNumber !== undefined && context.orderNumber !== null && !orderNumbersMatch(orderNumber, context.orderNumber);
      return {
        at: event.at,
        ...(orderNumber !== undefined ? { orderNumber: normalizeOrderNumber(orderNumber) } : {}),
        ...(email !== undefined ? { email } : replacesNumber ? { email: null } : {}),
      };
    }),
    forgetSlots: assign({ orderNumber: null, email: null }),
    countFailure: assign({ failedAttempts: ({ context }) => context.failedAttempts + 1 }),
    rememberOrder: assign({
      verifiedOrder: ({ context }, result: VerifyOrderResult) => (result.outcome === 'verified' ? result.order : context.verifiedOrder),
    }),
    ask: sendParent((_, params: { slot: TrackingSlot; problem?: TrackingAskProblem }) => reply({ kind: 'tracking.ask', ...params })),
    /** The verified order's status, and whether it calls for a person (late, or overdue to ship). */
    reportVerifiedOrder: enqueueActions(({ context, enqueue }) => {
      const order = context.verifiedOrder;
      if (order === null) return;
      const status = describeTracking(order, BRAND_PROFILES[context.brand], context.at);
      enqueue.assign({ handoffReason: handoffReasonFor(status) });
      enqueue.sendParent(reply({ kind: 'tracking.status', status, orderNumber: order.orderNumber }));
    }),
    setHandoffReason: assign({ handoffReason: (_, reason: HandoffReason) => reason }),
    giveUp: sendParent(reply({ kind: 'tracking.gaveUp' })),
    reportLocked: sendParent((_, result: VerifyOrderResult) =>
      reply({ kind: 'tracking.locked', retryAfterSeconds: result.outcome === 'locked' ? result.retryAfterSeconds : 0 }),
    ),
    reportUnavailable: sendParent(reply({ kind: 'tracking.unavailable' })),
  },
}).createMachine({
  id: 'tracking',
  context: ({ input }) => {
    const orderNumber = input.orderNumber ?? input.verifiedOrder?.orderNumber;
    const normalized = orderNumber === undefined ? '' : normalizeOrderNumber(orderNumber);
    const email = input.email === undefined ? undefined : readEmail(input.email);
    return {
      brand: input.brand,
      orderNumber: normalized === '' ? null : normalized,
      email: email ?? null,
      verifiedOrder: input.verifiedOrder ?? null,
      failedAttempts: input.failedAttempts ?? 0,
      at: input.at,
      handoffReason: null,
    };
  },
  initial: 'deciding',
  states: {
    /** Where the flow goes from what it has: no reply of its own, only the next step's. */
    deciding: {
      always: [
        { guard: 'tooManyFailures', target: 'gaveUp' },
        { guard: 'asksForVerifiedOrder', target: 'reported', actions: 'reportVerifiedOrder' },
        { guard: 'hasBothSlots', target: 'verifying' },
        { guard: 'hasOrderNumber', target: 'askingEmail', actions: { type: 'ask', params: { slot: 'email' } } },
        { target: 'askingOrderNumber', actions: { type: 'ask', params: { slot: 'orderNumber' } } },
      ],
    },
    askingOrderNumber: {
      on: {
        'user.said': [
          { guard: 'saidOrderNumber', target: 'deciding', actions: 'takeSlots' },
          {
            guard: 'saidSomethingLikeAnEmail',
            actions: ['takeSlots', { type: 'ask', params: { slot: 'orderNumber', problem: 'emailInsteadOfNumber' } }],
          },
          { actions: ['noteTime', { type: 'ask', params: { slot: 'orderNumber', problem: 'notAnOrderNumber' } }] },
        ],
        'flow.reprompt': { actions: ['noteTime', { type: 'ask', params: { slot: 'orderNumber' } }] },
      },
    },
    askingEmail: {
      on: {
        'user.said': [
          // An email, a corrected order number, or both: take what was given and decide again.
          { guard: 'saidEmail', target: 'deciding', actions: 'takeSlots' },
          { guard: 'saidOrderNumber', target: 'deciding', actions: 'takeSlots' },
          { actions: ['noteTime', { type: 'ask', params: { slot: 'email', problem: 'notAnEmail' } }] },
        ],
        'flow.reprompt': { actions: ['noteTime', { type: 'ask', params: { slot: 'email' } }] },
      },
    },
    verifying: {
      tags: ['busy'],
      invoke: {
        src: 'verifyOrder',
        input: ({ context }) => ({ brand: context.brand, orderNumber: context.orderNumber ?? '', email: context.email ?? '' }),
        onDone: [
          {
            guard: { type: 'verified', params: ({ event }) => event.output },
            target: 'reported',
            actions: [{ type: 'rememberOrder', params: ({ event }) => event.output }, 'reportVerifiedOrder'],
          },
          {
            guard: { type: 'locked', params: ({ event }) => event.output },
            target: 'locked',
            actions: { type: 'reportLocked', params: ({ event }) => event.output },
          },
          { guard: 'lastAttempt', target: 'gaveUp', actions: ['countFailure', 'forgetSlots'] },
          {
            target: 'askingOrderNumber',
            actions: ['countFailure', 'forgetSlots', { type: 'ask', params: { slot: 'orderNumber', problem: 'notMatched' } }],
          },
        ],
        onError: {
          target: 'unavailable',
          actions: [{ type: 'setHandoffReason', params: 'unavailable' }, 'reportUnavailable'],
        },
      },
    },
    reported: { type: 'final' },
    gaveUp: { type: 'final', entry: [{ type: 'setHandoffReason', params: 'gaveUp' }, 'giveUp'] },
    locked: { type: 'final', entry: { type: 'setHandoffReason', params: 'locked' } },
    unavailable: { type: 'final' },
  },
  output: ({ context }) => ({
    ...(context.verifiedOrder === null ? {} : { verifiedOrder: context.verifiedOrder }),
    offerHandoff: context.handoffReason !== null,
    ...(context.handoffReason === null ? {} : { handoffReason: context.handoffReason }),
    failedAttempts: context.failedAttempts,
  }),
});
