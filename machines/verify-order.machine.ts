// Proving an order is the shopper's: order number → the order's email → the lookup. The one
// verification sub-flow, invoked by the tracking and returns flows: it receives the shopper's
// messages from its parent, sends each reply up as `flow.reply` (the parent relays it), and ends
// with the verified order or why there is none.
//
// No leaks: nothing about an order is known until the lookup says number and email match, and the
// machine checks that again itself; an unknown order and a wrong email take the same path to the
// same reply; after MAX_FAILED_ATTEMPTS the flow stops asking.
import { assign, enqueueActions, fromPromise, sendParent, setup } from 'xstate';
import type { BrandId } from '../knowledge/brand-ids.js';
import { emailsMatch, orderNumbersMatch } from '../knowledge/orders/order-matching.js';
import type { Order } from '../knowledge/orders/order.schema.js';
import type { FlowDeps, VerifyOrderInput, VerifyOrderResult } from './flow-effects.js';
import { isCommand, slotsOf, type FlowReplyEvent, type FlowReprompt, type UserSaid } from './flow-events.js';

/** Failed number + email pairs, per conversation, before the bot stops asking. */
export const MAX_FAILED_ATTEMPTS = 3;

/** Which flow is verifying: the replies say what the order is needed for. */
export type VerifyPurpose = 'tracking' | 'returns';
export type VerifySlot = 'orderNumber' | 'email';
export type VerifyAskProblem = 'notAnOrderNumber' | 'emailInsteadOfNumber' | 'notAnEmail' | 'notMatched';

/**
 * How a verification can end without an order: too many failed attempts, the per-client limit,
 * lookups down, or the shopper cannot give what it needs (`skipped`: "I don't have the order
 * number", or the same question not understood three times).
 */
export type VerifyEnding =
  | { kind: 'gaveUp'; orderNumber?: string }
  | { kind: 'locked'; retryAfterSeconds: number }
  | { kind: 'unavailable' }
  | { kind: 'skipped'; slot: VerifySlot; orderNumber?: string };

export type VerifyReply =
  /** `stuck`: the same prompt was not understood twice; choices go with it. `corrected`: a new order number was taken, as typed. */
  | { kind: 'verify.ask'; purpose: VerifyPurpose; slot: VerifySlot; problem?: VerifyAskProblem; stuck?: boolean; corrected?: string }
  | { kind: 'verify.ended'; purpose: VerifyPurpose; ending: VerifyEnding };

/** Answers at one prompt that were not understood, before the shopper is shown choices, then a way out. */
const MISSES_BEFORE_CHOICES = 2;
const MISSES_BEFORE_WAY_OUT = 3;

export interface VerifyInput {
  brand: BrandId;
  purpose: VerifyPurpose;
  /** The time of the turn that started the flow (ISO). */
  at: string;
  orderNumber?: string;
  email?: string;
  /** An order this conversation already proved is the shopper's: no lookup for the same number. */
  verifiedOrder?: Order;
  /** Failures earlier in this conversation, so "start over" does not reset the limit. */
  failedAttempts?: number;
}

export type VerifyOutput = { failedAttempts: number } & ({ outcome: 'verified'; order: Order } | { outcome: 'ended'; ending: VerifyEnding });

/** What a flow knows when it starts verifying: the order number and email it was given, an order already verified. */
export interface VerificationStart {
  brand: BrandId;
  at: string;
  orderNumber: string | null;
  email: string | null;
  verifiedOrder: Order | null;
  failedAttempts: number;
}

export interface VerifyContext extends VerificationStart {
  purpose: VerifyPurpose;
  /** The last order number tried, after a failed lookup forgot it. */
  lastTried: string | null;
  ending: VerifyEnding | null;
  /** Answers in a row the current prompt could not use (the loop guard). */
  misses: number;
}


/** The sub-flow's input for a flow of this purpose, from what the flow knows. */
export function verificationInputFor(purpose: VerifyPurpose) {
  return ({ context }: { context: VerificationStart }): VerifyInput => verificationInput(context, purpose);
}

/** The sub-flow's input from the verifying flow's context. */
export function verificationInput(start: VerificationStart, purpose: VerifyPurpose): VerifyInput {
  return {
    brand: start.brand,
    purpose,
    at: start.at,
    ...(start.orderNumber === null ? {} : { orderNumber: start.orderNumber }),
    ...(start.email === null ? {} : { email: start.email }),
    ...(start.verifiedOrder === null ? {} : { verifiedOrder: start.verifiedOrder }),
    failedAttempts: start.failedAttempts,
  };
}

/**
 * What a handoff after a verification that ended keeps of it: the order number the shopper gave,
 * or that they have none (never asked again).
 */
export function givenBefore(ending: VerifyEnding | null | undefined): { noOrderNumber: true } | { orderNumber: string } | Record<string, never> {
  if (ending === null || ending === undefined) return {};
  if (ending.kind === 'skipped' && ending.slot === 'orderNumber') return { noOrderNumber: true };
  return 'orderNumber' in ending && ending.orderNumber !== undefined ? { orderNumber: ending.orderNumber } : {};
}

/** Whether the sub-flow ended with the order verified. */
export function verifiedOutput(_: unknown, output: VerifyOutput): boolean {
  return output.outcome === 'verified';
}

/** The order number the message gave, as the shopper typed it: lookups compare numbers normalised. */
function orderNumberIn(event: { type: string }): string | undefined {
  return slotsOf(event).orderNumber;
}

function emailIn(event: { type: string }): string | undefined {
  return slotsOf(event).email;
}

function reply(reply: VerifyReply): FlowReplyEvent<VerifyReply> {
  return { type: 'flow.reply', reply };
}

export function createVerifyOrderMachine(deps: Pick<FlowDeps, 'effects'>) {
  return setup({
    types: {} as { context: VerifyContext; events: UserSaid | FlowReprompt; input: VerifyInput; output: VerifyOutput },
    actors: {
      lookUpOrder: fromPromise<VerifyOrderResult, VerifyOrderInput>(({ input }) => deps.effects.verifyOrder(input)),
    },
    guards: {
      tooManyFailures: ({ context }) => context.failedAttempts >= MAX_FAILED_ATTEMPTS,
      knowsThisOrder: ({ context }) =>
        context.verifiedOrder !== null &&
        context.verifiedOrder.brand === context.brand &&
        context.orderNumber !== null &&
        orderNumbersMatch(context.orderNumber, context.verifiedOrder.orderNumber),
      hasBothSlots: ({ context }) => context.orderNumber !== null && context.email !== null,
      hasOrderNumber: ({ context }) => context.orderNumber !== null,
      saidOrderNumber: ({ event }) => orderNumberIn(event) !== undefined,
      saidEmail: ({ event }) => emailIn(event) !== undefined,
      // After a failed lookup, an email alone ("sorry typo, casey@example.com") corrects the
      // email of the number just tried: tried again, counting as an attempt like any other.
      correctsEmailOfLastTry: ({ context, event }) => context.lastTried !== null && emailIn(event) !== undefined,
      verified: ({ context }, result: VerifyOrderResult) =>
        // The effect is trusted to check, but a mismatch here would leak another shopper's order,
        // so the machine checks again what it can: the brand, the number and the email.
        result.outcome === 'verified' &&
        result.order.brand === context.brand &&
        context.orderNumber !== null &&
        orderNumbersMatch(context.orderNumber, result.order.orderNumber) &&
        context.email !== null &&
        emailsMatch(context.email, result.order.email),
      locked: (_, result: VerifyOrderResult) => result.outcome === 'locked',
      lastAttempt: ({ context }) => context.failedAttempts + 1 >= MAX_FAILED_ATTEMPTS,
      cannotGive: ({ event }, params: { slot: VerifySlot }) => isCommand(event, 'skip') && event.command.slot === params.slot,
      outOfTries: ({ context }) => context.misses + 1 >= MISSES_BEFORE_WAY_OUT,
    },
    actions: {
      noteTime: assign({ at: ({ event }) => event.at }),
      takeSlots: assign(({ context, event }) => {
        if (event.type !== 'user.said') return {};
        const orderNumber = orderNumberIn(event);
        const email = emailIn(event);
        // A number replacing an earlier one is a different order: its email must be given again.
        // An email kept from before any number was given still goes with the first number.
        const replacesNumber = orderNumber !== undefined && context.orderNumber !== null && !orderNumbersMatch(orderNumber, context.orderNumber);
        return {
          at: event.at,
          ...(orderNumber !== undefined ? { orderNumber } : {}),
          ...(email !== undefined ? { email } : replacesNumber ? { email: null } : {}),
        };
      }),
      retryLastNumber: assign({ orderNumber: ({ context }) => context.lastTried }),
      forgetSlots: assign({ lastTried: ({ context }) => context.orderNumber ?? context.lastTried, orderNumber: null, email: null }),
      countFailure: assign({ failedAttempts: ({ context }) => context.failedAttempts + 1 }),
      rememberOrder: assign({
        verifiedOrder: ({ context }, result: VerifyOrderResult) => (result.outcome === 'verified' ? result.order : context.verifiedOrder),
      }),
      ask: enqueueActions(({ context, enqueue }, params: { slot: VerifySlot; problem?: VerifyAskProblem; corrected?: string }) => {
        // A prompt the shopper could not answer counts; any other ask starts the count again.
        const misses = params.problem === 'notAnOrderNumber' || params.problem === 'notAnEmail' ? context.misses + 1 : 0;
        enqueue.assign({ misses });
        const stuck = misses >= MISSES_BEFORE_CHOICES ? { stuck: true } : {};
        enqueue.sendParent(reply({ kind: 'verify.ask', purpose: context.purpose, ...params, ...stuck }));
      }),
      end: enqueueActions(({ context, enqueue }, ending: VerifyEnding) => {
        // Skipped at the email, or given up on: the last number the shopper gave still helps the team.
        const tried = context.orderNumber ?? context.lastTried;
        const kept = tried !== null && ((ending.kind === 'skipped' && ending.slot === 'email') || ending.kind === 'gaveUp') ? { ...ending, orderNumber: tried } : ending;
        enqueue.assign({ ending: kept });
        enqueue.sendParent(reply({ kind: 'verify.ended', purpose: context.purpose, ending }));
      }),
    },
  }).createMachine({
    id: 'verifyOrder',
    context: ({ input }) => {
      const orderNumber = input.orderNumber ?? input.verifiedOrder?.orderNumber;
      return {
        brand: input.brand,
        purpose: input.purpose,
        at: input.at,
        orderNumber: orderNumber ?? null,
        email: input.email?.trim().toLowerCase() ?? null,
        verifiedOrder: input.verifiedOrder ?? null,
        failedAttempts: input.failedAttempts ?? 0,
        ending: null,
        misses: 0,
        lastTried: null,
      };
    },
    initial: 'deciding',
    states: {
      /** Where the flow goes from what it has: no reply of its own, only the next step's. */
      deciding: {
        always: [
          { guard: 'tooManyFailures', target: 'ended', actions: { type: 'end', params: { kind: 'gaveUp' } } },
          { guard: 'knowsThisOrder', target: 'verified' },
          { guard: 'hasBothSlots', target: 'lookingUp' },
          { guard: 'hasOrderNumber', target: 'askingEmail', actions: { type: 'ask', params: { slot: 'email' } } },
          { target: 'askingOrderNumber', actions: { type: 'ask', params: { slot: 'orderNumber' } } },
        ],
      },
      askingOrderNumber: {
        on: {
          'user.said': [
            { guard: 'saidOrderNumber', target: 'deciding', actions: 'takeSlots' },
            { guard: 'correctsEmailOfLastTry', target: 'deciding', actions: ['retryLastNumber', 'takeSlots'] },
            // An email where the number was asked: kept for later, and the number asked again.
            {
              guard: 'saidEmail',
              actions: ['takeSlots', { type: 'ask', params: { slot: 'orderNumber', problem: 'emailInsteadOfNumber' } }],
            },
            // "I don't have the order number": another way forward, never the same prompt again.
            { guard: { type: 'cannotGive', params: { slot: 'orderNumber' } }, target: 'ended', actions: ['noteTime', { type: 'end', params: { kind: 'skipped', slot: 'orderNumber' } }] },
            { guard: 'outOfTries', target: 'ended', actions: ['noteTime', { type: 'end', params: { kind: 'skipped', slot: 'orderNumber' } }] },
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
            {
              guard: 'saidOrderNumber',
              target: 'askingEmail',
              actions: ['takeSlots', { type: 'ask', params: ({ event }) => ({ slot: 'email' as const, corrected: orderNumberIn(event) ?? '' }) }],
            },
            { guard: { type: 'cannotGive', params: { slot: 'email' } }, target: 'ended', actions: ['noteTime', { type: 'end', params: { kind: 'skipped', slot: 'email' } }] },
            { guard: 'outOfTries', target: 'ended', actions: ['noteTime', { type: 'end', params: { kind: 'skipped', slot: 'email' } }] },
            { actions: ['noteTime', { type: 'ask', params: { slot: 'email', problem: 'notAnEmail' } }] },
          ],
          'flow.reprompt': { actions: ['noteTime', { type: 'ask', params: { slot: 'email' } }] },
        },
      },
      lookingUp: {
        tags: ['busy'],
        invoke: {
          src: 'lookUpOrder',
          input: ({ context }) => ({ brand: context.brand, orderNumber: context.orderNumber ?? '', email: context.email ?? '' }),
          onDone: [
            {
              guard: { type: 'verified', params: ({ event }) => event.output },
              target: 'verified',
              actions: { type: 'rememberOrder', params: ({ event }) => event.output },
            },
            {
              guard: { type: 'locked', params: ({ event }) => event.output },
              target: 'ended',
              actions: {
                type: 'end',
                params: ({ event }) => ({ kind: 'locked', retryAfterSeconds: event.output.outcome === 'locked' ? event.output.retryAfterSeconds : 0 }),
              },
            },
            { guard: 'lastAttempt', target: 'ended', actions: ['countFailure', 'forgetSlots', { type: 'end', params: { kind: 'gaveUp' } }] },
            {
              target: 'askingOrderNumber',
              actions: ['countFailure', 'forgetSlots', { type: 'ask', params: { slot: 'orderNumber', problem: 'notMatched' } }],
            },
          ],
          onError: { target: 'ended', actions: { type: 'end', params: { kind: 'unavailable' } } },
        },
      },
      verified: { type: 'final' },
      ended: { type: 'final' },
    },
    output: ({ context }) =>
      context.verifiedOrder !== null && context.ending === null
        ? { outcome: 'verified', order: context.verifiedOrder, failedAttempts: context.failedAttempts }
        : { outcome: 'ended', ending: context.ending ?? { kind: 'gaveUp' }, failedAttempts: context.failedAttempts },
  });
}

export type VerifyOrderMachine = ReturnType<typeof createVerifyOrderMachine>;
