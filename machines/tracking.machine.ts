// The tracking flow: verify the order (machines/verify-order.machine.ts) → its status with dates.
// A child of the conversation router: it receives the shopper's messages as `user.said`, sends
// each reply up as `flow.reply` (relaying the verification's), and ends with what the router
// needs next.
import { assign, enqueueActions, forwardTo, sendParent, setup } from 'xstate';
import type { BrandId } from '../knowledge/brand-ids.js';
import type { Order } from '../knowledge/orders/order.schema.js';
import { describeTracking, type TrackingStatus } from '../knowledge/orders/tracking-status.js';
import type { FlowDeps } from './flow-effects.js';
import type { FlowReplyEvent, FlowReprompt, UserSaid } from './flow-events.js';
import { createVerifyOrderMachine, verificationInputFor, verifiedOutput, type VerificationStart, type VerifyEnding, type VerifyOutput, type VerifyReply } from './verify-order.machine.js';

export type TrackingReply = { kind: 'tracking.status'; status: TrackingStatus; orderNumber: string };

export type TrackingReplyEvent = FlowReplyEvent<TrackingReply | VerifyReply>;

export interface TrackingInput {
  brand: BrandId;
  /** The time of the turn that started the flow (ISO): dates for an at-once answer count from it. */
  at: string;
  orderNumber?: string;
  email?: string;
  /** An order this conversation already proved is the shopper's. */
  verifiedOrder?: Order;
  /** Failures earlier in this conversation (from a previous flow's output). */
  failedAttempts?: number;
}

export type TrackingEvent = UserSaid | FlowReprompt | FlowReplyEvent<VerifyReply>;

export type HandoffReason = 'late' | 'notShipped' | 'cancelled' | VerifyEnding['kind'];

export interface TrackingOutput {
  verifiedOrder?: Order;
  /** How the verification ended, when it did without an order: what a handoff keeps of it. */
  ended?: VerifyEnding;
  /** The flow ended where a person should be offered next. */
  offerHandoff: boolean;
  /** Why, when `offerHandoff`: lets the handoff flag the case as the brand defines urgency. */
  handoffReason?: HandoffReason;
  /** Carry into the next flow's input, so "start over" does not reset the limit. */
  failedAttempts: number;
}

/** `orderNumber` and `email`: what the first message gave; `at`: the latest event's time, "now" for the dates. */
export interface TrackingContext extends VerificationStart {
  ended: VerifyEnding | null;
  handoffReason: HandoffReason | null;
}

function handoffReasonFor(status: TrackingStatus): HandoffReason | null {
  if (status.status === 'late') return 'late';
  if (status.status === 'processing' && status.pastShipBy) return 'notShipped';
  // "If you didn't expect that, a person can look into it": offered as a question.
  if (status.status === 'cancelled') return 'cancelled';
  return null;
}

export function createTrackingMachine(deps: FlowDeps) {
  return setup({
    types: {} as { context: TrackingContext; events: TrackingEvent; input: TrackingInput; output: TrackingOutput },
    actors: { verification: createVerifyOrderMachine(deps) },
    guards: { verified: verifiedOutput },
    actions: {
      noteTime: assign({ at: ({ context, event }) => ('at' in event ? event.at : context.at) }),
      relay: sendParent(({ event }) => event as FlowReplyEvent<VerifyReply>),
      settle: assign(({ context }, output: VerifyOutput) => ({
        failedAttempts: output.failedAttempts,
        verifiedOrder: output.outcome === 'verified' ? output.order : context.verifiedOrder,
      })),
      /** The verified order's status, and whether it calls for a person (late, or overdue to ship). */
      reportVerifiedOrder: enqueueActions(({ context, enqueue }) => {
        const order = context.verifiedOrder;
        if (order === null) return;
        const status = describeTracking(order, deps.profileOf(context.brand), context.at);
        enqueue.assign({ handoffReason: handoffReasonFor(status) });
        enqueue.sendParent({ type: 'flow.reply', reply: { kind: 'tracking.status', status, orderNumber: order.orderNumber } } satisfies FlowReplyEvent<TrackingReply>);
      }),
      noteEnding: assign((_, output: VerifyOutput) => ({
        handoffReason: output.outcome === 'verified' ? null : output.ending.kind,
        ended: output.outcome === 'ended' ? output.ending : null,
      })),
    },
  }).createMachine({
    id: 'tracking',
    context: ({ input }) => ({
      brand: input.brand,
      orderNumber: input.orderNumber ?? null,
      email: input.email ?? null,
      verifiedOrder: input.verifiedOrder ?? null,
      failedAttempts: input.failedAttempts ?? 0,
      at: input.at,
      ended: null,
      handoffReason: null,
    }),
    initial: 'verifying',
    states: {
      verifying: {
        invoke: {
          id: 'verification', src: 'verification', input: verificationInputFor('tracking'),
          onDone: [
            {
              guard: { type: 'verified', params: ({ event }) => event.output },
              target: 'reported',
              actions: [{ type: 'settle', params: ({ event }) => event.output }, 'reportVerifiedOrder'],
            },
            {
              target: 'ended',
              actions: [
                { type: 'settle', params: ({ event }) => event.output },
                { type: 'noteEnding', params: ({ event }) => event.output },
              ],
            },
          ],
        },
        on: {
          'user.said': { actions: ['noteTime', forwardTo('verification')] },
          'flow.reprompt': { actions: ['noteTime', forwardTo('verification')] },
          'flow.reply': { actions: 'relay' },
        },
      },
      reported: { type: 'final' },
      ended: { type: 'final' },
    },
    output: ({ context }) => ({
      ...(context.verifiedOrder === null ? {} : { verifiedOrder: context.verifiedOrder }),
      offerHandoff: context.handoffReason !== null,
      ...(context.ended === null ? {} : { ended: context.ended }),
      ...(context.handoffReason === null ? {} : { handoffReason: context.handoffReason }),
      failedAttempts: context.failedAttempts,
    }),
  });
}

export type TrackingMachine = ReturnType<typeof createTrackingMachine>;
