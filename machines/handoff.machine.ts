// The handoff flow: name → email → order number (optional) → what happened, asking only for what
// the conversation does not already know → a summary to confirm or correct → `submitHandoff`
// stores the ticket durably → the shopper is told the reference and when to expect a reply. A
// child of the conversation router, like the tracking flow; the stored ticket is its output.
//
// Honesty about failure: `submitHandoff` rejects only when the ticket was NOT stored, so a failure
// is told as such ("it has not reached the team") with a way to reach the brand, never as "sent".
import { and, assign, enqueueActions, fromPromise, sendParent, setup } from 'xstate';
import { categoryFromProblem } from '../knowledge/handoff/issue-case.js';
import type { BrandId } from '../knowledge/brand-ids.js';
import type { BrandProfile } from '../knowledge/brands/brand-profile.schema.js';
import type { HandoffCase, HandoffCategory } from '../knowledge/handoff/handoff-case.types.js';
import {
  buildSubmission,
  cleanDescription,
  cleanName,
  cleanOrderNumber,
  summarize,
  type HandoffFacts,
  type HandoffSummary,
} from '../knowledge/handoff/handoff-submission.js';
import type { HandoffSubmission, HandoffTicket } from '../knowledge/handoff/handoff-ticket.types.js';
import type { ReplyExpectation } from '../knowledge/handoff/reply-by.js';
import { escalationRoute, type EscalationRoute } from '../knowledge/handoff/subject.js';
import { orderNumbersMatch } from '../knowledge/orders/order-matching.js';
import type { Order } from '../knowledge/orders/order.schema.js';
import type { Slot } from '../knowledge/reading/reading.types.js';
import type { ReturnVerdict } from '../knowledge/returns/return-verdict.types.js';
import type { FlowDeps, SubmitHandoffResult, VerifyOrderInput, VerifyOrderResult } from './flow-effects.js';
import { isCommand, said, slotsOf, type FlowReplyEvent, type FlowReprompt, type UserSaid } from './flow-events.js';

export type { HandoffSubmission } from '../knowledge/handoff/handoff-ticket.types.js';
export type { HandoffSummary } from '../knowledge/handoff/handoff-submission.js';

/** The details the handoff asks for. */
export type HandoffSlot = Extract<Slot, 'name' | 'email' | 'orderNumber' | 'description'>;
const HANDOFF_SLOTS: readonly string[] = ['name', 'email', 'orderNumber', 'description'] satisfies HandoffSlot[];

function isHandoffSlot(slot: string): slot is HandoffSlot {
  return HANDOFF_SLOTS.includes(slot);
}

export type HandoffAskProblem = 'notAName' | 'notAnEmail' | 'notAnOrderNumber' | 'tooShort';

/** Carried by the flow's first reply: why the shopper is being asked these questions. */
export interface HandoffIntro {
  category: HandoffCategory;
  escalation: EscalationRoute | null;
}

/** A detail changed by the shopper's own correction since the last reply, or a detail added at the summary. */
export type HandoffUpdate = 'name' | 'email' | 'orderNumber' | 'description' | 'added';

export type HandoffReply =
  /**
   * `correcting`: asked again because the shopper wants to change it. `addition`: the flow before
   * already says what is wrong, so the description is only "anything to add?". `stuck`: the same
   * question was not understood twice, so choices go with it. `updated`: a correction was applied.
   */
  | {
      kind: 'handoff.ask';
      slot: HandoffSlot;
      problem?: HandoffAskProblem;
      correcting?: boolean;
      addition?: boolean;
      /** The shopper said yes to "anything to add?": what is it? */
      goAhead?: boolean;
      stuck?: boolean;
      updated?: HandoffUpdate;
      /** The changed detail's new value, to say back ("Got it, I've changed your email to …"). */
      updatedTo?: string;
      intro?: HandoffIntro;
    }
  | { kind: 'handoff.confirm'; summary: HandoffSummary; problem?: 'notYesNo'; updated?: HandoffUpdate; intro?: HandoffIntro }
  | { kind: 'handoff.whatToChange' }
  | { kind: 'handoff.submitted'; reference: string; email: string; expectation: ReplyExpectation; urgentByPolicy: boolean; escalation: EscalationRoute | null }
  | { kind: 'handoff.notSaved'; problem?: 'notYesNo' | 'tooMany'; retryAfterMinutes?: number }
  | { kind: 'handoff.notSent' };

export type HandoffReplyEvent = FlowReplyEvent<HandoffReply>;

export interface HandoffInput {
  brand: BrandId;
  /** The time of the turn that started the flow (ISO). */
  at: string;
  case: HandoffCase;
}

export interface HandoffOutput {
  /** The ticket, once stored durably; absent when nothing was sent. */
  ticket?: HandoffTicket;
}

export type HandoffEvent = UserSaid | FlowReprompt;

export interface HandoffContext extends HandoffFacts {
  /** The time of the latest event (ISO). */
  at: string;
  /** The shopper said they have no order number: do not ask again. */
  noOrderNumber: boolean;
  /** The flow before said what is wrong, and the shopper was asked whether to add anything. */
  askedAddition: boolean;
  /** Answers in a row the current question could not use (the loop guard). */
  misses: number;
  /** A detail the shopper's last message changed, told in the next reply. */
  updated: HandoffUpdate | null;
  /** The first reply has explained the handoff. */
  introduced: boolean;
  /** Held only between storing and the flow's end, which hands it on as the output. */
  ticket: HandoffTicket | null;
  /** The order number and email last checked against the orders, so one pair is checked once. */
  checkedPair: string | null;
}

function reply(reply: HandoffReply): HandoffReplyEvent {
  return { type: 'flow.reply', reply };
}

function emailOf(event: HandoffEvent): string | undefined {
  return slotsOf(event).email;
}

/** The name the message gives as its answer: the Reading step filled it, not merely found name-like words. */
function nameOf(event: HandoffEvent): string | null {
  return isCommand(event, 'fill') ? cleanName(event.command.slots.name) : null;
}

/** As the shopper wrote it, for people to read; comparisons normalise. */
function orderNumberOf(event: HandoffEvent): string | undefined {
  return cleanOrderNumber(slotsOf(event).orderNumber);
}

/** The correction a message makes ("my email is …", "the name is wrong"), if it makes one of a handoff detail. */
function correctionOf(event: HandoffEvent): { slot: HandoffSlot; value?: string } | undefined {
  if (!isCommand(event, 'correct') || !isHandoffSlot(event.command.slot)) return undefined;
  const slot = event.command.slot;
  const value = slot === 'orderNumber' ? cleanOrderNumber(event.command.slots.orderNumber) : slot === 'description' ? undefined : event.command.slots[slot];
  return value === undefined ? { slot } : { slot, value };
}

const NAME_NOT_GIVEN = 'Not given';

/** The shopper's messages kept for the team: the latest, should a conversation run long. */
const MAX_MESSAGES_KEPT = 40;

/**
 * A question not understood this many times in a row is asked no more: the flow goes on with what
 * it has (no name, no order number, no more words), so a handoff can always reach its summary. The
 * email, without which the team cannot reply, is asked again with choices instead.
 */
const MISSES_BEFORE_MOVING_ON = 2;

/** The number and email the shopper gave, as one key: a pair is looked up once. */
function pairOf(context: Pick<HandoffContext, 'orderNumber' | 'email'>): string | null {
  return context.orderNumber === null || context.email === null ? null : `${context.orderNumber.toUpperCase()} ${context.email}`;
}

/** The message's words for the team added to any kept before, said so in the next reply; null when it has none. */
function withWordsAdded(context: HandoffContext, event: HandoffEvent): { description: string; updated: 'added' } | null {
  const words = cleanDescription(slotsOf(event).description);
  if (words === null) return null;
  return { description: context.description === null ? words : `${context.description}\n${words}`, updated: 'added' };
}

/** The category the shopper's words file the case under; after a flow said what is wrong, they add to it and do not refile it. */
function categoryWith(context: HandoffContext, event: HandoffEvent): HandoffCategory {
  return context.summary === null ? categoryFromProblem(context.category, said(event)?.facts.problem) : context.category;
}

/** A message with words for the team in it, not only a detail: "my new account email is …, and I can't log in". */
function describes(event: HandoffEvent): boolean {
  return cleanDescription(slotsOf(event).description) !== null;
}

/** A new order number: the verified order stays only if it is the same order. */
function withOrderNumber(context: HandoffContext, orderNumber: string): Partial<HandoffContext> {
  const keepsOrder = context.verifiedOrder !== null && orderNumbersMatch(context.verifiedOrder.orderNumber, orderNumber);
  return { orderNumber, noOrderNumber: false, verifiedOrder: keepsOrder ? context.verifiedOrder : null };
}

/** The ticket as the effect receives it; the latest turn's time decides windows such as "within 7 days". */
export function submissionOf(context: HandoffContext, profile: BrandProfile): HandoffSubmission {
  return buildSubmission(context, profile, context.at);
}

function rateLimited(result: SubmitHandoffResult): result is Extract<SubmitHandoffResult, { outcome: 'rateLimited' }> {
  return result.outcome === 'rateLimited';
}

export function createHandoffMachine(deps: FlowDeps) {
  const profileOf = (context: HandoffContext) => deps.profileOf(context.brand);
  const summaryOf = (context: HandoffContext): HandoffSummary => summarize(submissionOf(context, profileOf(context)));
  const introOf = (context: HandoffContext): HandoffIntro => ({
    category: context.category,
    escalation: escalationRoute(profileOf(context), context.category, context.description),
  });

  return setup({
    types: {} as { context: HandoffContext; events: HandoffEvent; input: HandoffInput; output: HandoffOutput },
    actors: {
      /** The same lookup, limits and lockout as tracking: an unknown order and a wrong email look alike. */
      verifyOrder: fromPromise<VerifyOrderResult, VerifyOrderInput>(({ input }) => deps.effects.verifyOrder(input)),
      /** Stores the ticket durably; rejects only if it was not stored. */
      submitHandoff: fromPromise<SubmitHandoffResult, HandoffSubmission>(({ input }) => deps.effects.submitHandoff(input)),
    },
    guards: {
      /** A number and an email not yet looked up together: the order may prove itself, as in tracking. */
      canVerify: ({ context }) => context.verifiedOrder === null && pairOf(context) !== null && pairOf(context) !== context.checkedPair,
      /** The question was not understood once already: this is the last time it is asked. */
      missedBefore: ({ context }) => context.misses >= MISSES_BEFORE_MOVING_ON - 1,
      submitRateLimited: (_, result: SubmitHandoffResult) => rateLimited(result),
      nameMissing: ({ context }) => context.name === null,
      emailMissing: ({ context }) => context.email === null,
      orderNumberMissing: ({ context }) => context.orderNumber === null && !context.noOrderNumber,
      /** Nothing said about what is wrong yet; after a flow that said it, "anything to add?" is asked once. */
      descriptionMissing: ({ context }) => !context.askedAddition && (context.summary !== null || context.description === null),
      saidName: ({ event }) => nameOf(event) !== null,
      saidEmail: ({ event }) => emailOf(event) !== undefined,
      saidOrderNumber: ({ event }) => orderNumberOf(event) !== undefined,
      skipped: ({ event }, params: { slot: HandoffSlot }) => isCommand(event, 'skip') && event.command.slot === params.slot,
      saidDescription: ({ event }) => describes(event),
      wantsToAdd: ({ context, event }) => context.summary !== null && isCommand(event, 'affirm'),
      addsNothing: ({ event }) => isCommand(event, 'deny') || isCommand(event, 'skip'),
      /** A different email than the one kept, given while something else is asked: the shopper corrects it. */
      updatesEmail: ({ context, event }) => {
        const email = emailOf(event);
        // An address inside words for the team ("my new account email is …") is part of the message.
        if (describes(event) && !isCommand(event, 'correct')) return false;
        return email !== undefined && context.email !== null && email !== context.email;
      },
      /** "I meant KS-100234" while something else is asked. */
      updatesOrderNumber: ({ context, event }) => {
        const number = orderNumberOf(event);
        return number !== undefined && isCommand(event, 'correct') && (context.orderNumber === null || !orderNumbersMatch(number, context.orderNumber));
      },
      /** At the summary: more for the team ("I have photos too"), not a yes, a no or a correction. */
      addsDetail: ({ event }) => isCommand(event, 'fill') && cleanDescription(slotsOf(event).description) !== null,
      saidYes: ({ event }) => isCommand(event, 'affirm'),
      saidNo: ({ event }) => isCommand(event, 'deny'),
      /** A correction that carries its new value ("my email is jane@example.com"). */
      correctsWithValue: ({ event }) => correctionOf(event)?.value !== undefined,
      corrects: ({ event }, params: { slot: HandoffSlot }) => correctionOf(event)?.slot === params.slot,
      /** "Lee Wong" typed while another detail is asked: the name, given late or changed. */
      givesName: ({ event }) => {
        const correction = correctionOf(event);
        return correction?.slot === 'name' && correction.value !== undefined;
      },
    },
    actions: {
      noteTurn: assign(({ context, event }) => {
        const words = event.type === 'user.said' ? cleanDescription(event.text) : null;
        return {
          at: event.at,
          shopperSaysUrgent: context.shopperSaysUrgent || (event.type === 'user.said' && event.facts.urgent === true),
          shopperWrote: words === null ? context.shopperWrote : [...context.shopperWrote, words].slice(-MAX_MESSAGES_KEPT),
        };
      }),
      /** What the order lookup said: a verified order brings its facts, and its name when the shopper gave none. */
      takeVerification: assign(({ context }, result: VerifyOrderResult | null) => {
        const checkedPair = pairOf(context);
        if (result?.outcome !== 'verified') return { checkedPair };
        const order = result.order;
        const unnamed = context.name === null || context.name === NAME_NOT_GIVEN;
        return { checkedPair, verifiedOrder: order, ...(unnamed ? { name: cleanName(order.customerName) ?? context.name } : {}) };
      }),
      takeName: assign({ name: ({ context, event }) => nameOf(event) ?? context.name, misses: 0 }),
      takeNoName: assign({ name: NAME_NOT_GIVEN, misses: 0 }),
      takeEmail: assign({
        email: ({ context, event }) => emailOf(event) ?? context.email,
        misses: 0,
      }),
      noteUpdate: assign({ updated: (_, update: HandoffUpdate) => update }),
      takeAddition: assign(({ context, event }) => withWordsAdded(context, event) ?? {}),
      skipAddition: assign({ askedAddition: true }),
      takeOrderNumber: assign(({ context, event }) => {
        const number = orderNumberOf(event);
        return number === undefined ? {} : withOrderNumber(context, number);
      }),
      takeNoOrderNumber: assign({ orderNumber: null, noOrderNumber: true, verifiedOrder: null }),
      takeDescription: assign(({ context, event }) => {
        const message = said(event);
        const description = cleanDescription(message?.slots.description) ?? context.description;
        if (description === null) return {};
        return {
          description,
          askedAddition: true,
          category: categoryWith(context, event),
          daysSinceDelivery: context.daysSinceDelivery ?? message?.facts.daysSinceDelivery ?? null,
        };
      }),
      /** Words for the team typed at another question: kept (added to any before), and said so. */
      addDescription: assign(({ context, event }) => {
        const added = withWordsAdded(context, event);
        return added === null ? {} : { ...added, category: categoryWith(context, event) };
      }),
      /** Fills slots still empty from entities the message happens to carry; never overwrites. */
      takeExtras: assign(({ context, event }) => {
        const e = said(event);
        if (e === undefined) return {};
        const email = context.email === null ? emailOf(e) : undefined;
        const number = context.orderNumber === null && !context.noOrderNumber ? orderNumberOf(e) : undefined;
        return {
          ...(email === undefined ? {} : { email }),
          ...(number === undefined ? {} : withOrderNumber(context, number)),
        };
      }),
      applyCorrection: assign(({ context, event }) => {
        const correction = correctionOf(event);
        if (correction === undefined) return {};
        if (correction.slot === 'orderNumber') {
          return correction.value === undefined ? {} : { ...withOrderNumber(context, correction.value), updated: 'orderNumber' as const };
        }
        if (correction.slot === 'email') return correction.value === undefined ? {} : { email: correction.value, updated: 'email' as const };
        if (correction.slot === 'name') return { name: cleanName(correction.value) ?? context.name, updated: 'name' as const };
        return {};
      }),
      ask: enqueueActions(({ context, enqueue }, params: { slot: HandoffSlot; problem?: HandoffAskProblem; correcting?: boolean; goAhead?: boolean; missed?: boolean }) => {
        const intro = context.introduced ? {} : { intro: introOf(context) };
        // A question the shopper could not answer counts; any other question starts the count again.
        const { missed, ...shown } = params;
        const misses = params.problem === undefined && missed !== true ? 0 : context.misses + 1;
        const addition = params.slot === 'description' && context.summary !== null && !params.correcting && !params.goAhead ? { addition: true } : {};
        const stuck = misses >= MISSES_BEFORE_MOVING_ON ? { stuck: true } : {};
        const value = context.updated === 'email' ? context.email : context.updated === 'orderNumber' ? context.orderNumber : context.updated === 'name' ? context.name : null;
        const updated = context.updated === null ? {} : { updated: context.updated, ...(value === null ? {} : { updatedTo: value }) };
        enqueue.assign({ introduced: true, misses, updated: null });
        enqueue.sendParent(reply({ kind: 'handoff.ask', ...shown, ...addition, ...stuck, ...updated, ...intro }));
      }),
      showSummary: enqueueActions(({ context, enqueue }, params: { problem?: 'notYesNo' }) => {
        const intro = context.introduced ? {} : { intro: introOf(context) };
        const updated = context.updated === null ? {} : { updated: context.updated };
        enqueue.assign({ introduced: true, updated: null });
        enqueue.sendParent(reply({ kind: 'handoff.confirm', summary: summaryOf(context), ...params, ...updated, ...intro }));
      }),
      askWhatToChange: sendParent(reply({ kind: 'handoff.whatToChange' })),
      rememberTicket: assign({ ticket: (_, result: SubmitHandoffResult) => (result.outcome === 'stored' ? result.ticket : null) }),
      /** What the shopper is told comes from the stored ticket: the reply time the team was given too. */
      reportSubmitted: sendParent(({ context }) => {
        const ticket = context.ticket;
        const summary = summaryOf(context);
        return reply({
          kind: 'handoff.submitted',
          reference: ticket?.reference ?? '',
          email: ticket?.customer.email ?? summary.email,
          expectation: ticket?.expectation ?? submissionOf(context, profileOf(context)).expectation,
          urgentByPolicy: ticket === null ? summary.urgentByPolicy : ticket.urgency.urgent && ticket.urgency.basis?.kind === 'policy',
          escalation: ticket?.escalation ?? summary.escalation,
        });
      }),
      reportNotSaved: sendParent((_, params: { problem?: 'notYesNo' }) => reply({ kind: 'handoff.notSaved', ...params })),
      reportTooMany: sendParent((_, params: { retryAfterSeconds: number }) =>
        reply({ kind: 'handoff.notSaved', problem: 'tooMany', retryAfterMinutes: Math.max(1, Math.ceil(params.retryAfterSeconds / 60)) }),
      ),
      reportNotSent: sendParent(reply({ kind: 'handoff.notSent' })),
    },
  }).createMachine({
    id: 'handoff',
    context: ({ input }) => {
      const known = input.case;
      // A verified order proves who the shopper is; it is this handoff's order only if no other was named.
      const proven = known.verifiedOrder ?? null;
      const order = proven !== null && (known.orderNumber === undefined || orderNumbersMatch(known.orderNumber, proven.orderNumber)) ? proven : null;
      const orderNumber = cleanOrderNumber(known.orderNumber) ?? cleanOrderNumber(order?.orderNumber);
      const description = cleanDescription(known.description);
      const summary = cleanDescription(known.summary);
      return {
        brand: input.brand,
        at: input.at,
        category: known.category,
        shopperSaysUrgent: known.shopperSaysUrgent === true,
        verifiedOrder: order,
        returnVerdict: known.returnVerdict ?? null,
        daysSinceDelivery: known.daysSinceDelivery ?? null,
        // A verified order proves who the shopper is: its name and email are theirs unless they say otherwise.
        name: cleanName(known.name) ?? cleanName(proven?.customerName),
        email: (known.email ?? proven?.email)?.trim().toLowerCase() ?? null,
        orderNumber: orderNumber ?? null,
        noOrderNumber: known.noOrderNumber === true && orderNumber === undefined,
        description,
        summary,
        askedAddition: false,
        misses: 0,
        updated: null,
        introduced: false,
        ticket: null,
        checkedPair: null,
        shopperWrote: (known.shopperWrote ?? []).flatMap((words) => cleanDescription(words) ?? []).slice(-MAX_MESSAGES_KEPT),
      };
    },
    initial: 'deciding',
    states: {
      /** Asks for the first missing detail, or shows the summary when nothing is missing. */
      deciding: {
        always: [
          { guard: 'canVerify', target: 'verifying' },
          { guard: 'nameMissing', target: 'askingName', actions: { type: 'ask', params: { slot: 'name' } } },
          { guard: 'emailMissing', target: 'askingEmail', actions: { type: 'ask', params: { slot: 'email' } } },
          { guard: 'orderNumberMissing', target: 'askingOrderNumber', actions: { type: 'ask', params: { slot: 'orderNumber' } } },
          { guard: 'descriptionMissing', target: 'askingDescription', actions: { type: 'ask', params: { slot: 'description' } } },
          { target: 'confirming', actions: { type: 'showSummary', params: {} } },
        ],
      },
      /** A number and an email together: looked up as tracking would, then on with what it proved. */
      verifying: {
        tags: ['busy'],
        invoke: {
          src: 'verifyOrder',
          input: ({ context }) => ({ brand: context.brand, orderNumber: context.orderNumber ?? '', email: context.email ?? '' }),
          onDone: { target: 'deciding', actions: { type: 'takeVerification', params: ({ event }) => event.output } },
          // Lookups down: the ticket goes out unverified rather than not at all.
          onError: { target: 'deciding', actions: { type: 'takeVerification', params: null } },
        },
      },
      askingName: {
        on: {
          'user.said': [
            ...updateTransitions('name'),
            { guard: 'saidName', target: 'deciding', actions: ['noteTurn', 'takeName', 'takeExtras'] },
            { guard: { type: 'skipped', params: { slot: 'name' } }, target: 'deciding', actions: ['noteTurn', 'takeNoName', 'takeExtras'] },
            ...nameNotGiven(),
          ],
          'flow.reprompt': { actions: ['noteTurn', { type: 'ask', params: { slot: 'name' } }] },
        },
      },
      askingEmail: {
        on: {
          'user.said': [
            nameGivenLate('email'),
            { guard: 'saidEmail', target: 'deciding', actions: ['noteTurn', 'takeEmail', 'takeExtras'] },
            { guard: 'saidDescription', actions: ['noteTurn', 'addDescription', 'takeExtras', { type: 'ask', params: { slot: 'email', missed: true } }] },
            { actions: ['noteTurn', 'takeExtras', { type: 'ask', params: { slot: 'email', problem: 'notAnEmail' } }] },
          ],
          'flow.reprompt': { actions: ['noteTurn', { type: 'ask', params: { slot: 'email' } }] },
        },
      },
      askingOrderNumber: {
        on: {
          'user.said': [
            ...updateTransitions('orderNumber'),
            { guard: { type: 'skipped', params: { slot: 'orderNumber' } }, target: 'deciding', actions: ['noteTurn', 'takeNoOrderNumber'] },
            { guard: 'saidOrderNumber', target: 'deciding', actions: ['noteTurn', 'takeOrderNumber'] },
            // What happened, told instead of the optional number: no number, and the words for the team.
            { guard: 'saidDescription', target: 'deciding', actions: ['noteTurn', 'takeNoOrderNumber', 'takeDescription', 'takeExtras'] },
            { guard: 'missedBefore', target: 'deciding', actions: ['noteTurn', 'takeExtras', 'takeNoOrderNumber'] },
            { actions: ['noteTurn', 'takeExtras', { type: 'ask', params: { slot: 'orderNumber', problem: 'notAnOrderNumber' } }] },
          ],
          'flow.reprompt': { actions: ['noteTurn', { type: 'ask', params: { slot: 'orderNumber' } }] },
        },
      },
      // `freeText`: anything the shopper types is the answer; the router should not treat it as a digression.
      askingDescription: {
        tags: ['freeText'],
        on: {
          'user.said': [
            ...updateTransitions('description'),
            { guard: 'addsNothing', target: 'deciding', actions: ['noteTurn', 'skipAddition'] },
            { guard: 'wantsToAdd', actions: ['noteTurn', { type: 'ask', params: { slot: 'description', goAhead: true } }] },
            { guard: 'saidDescription', target: 'deciding', actions: ['noteTurn', 'takeDescription', 'takeExtras'] },
            { guard: 'missedBefore', target: 'deciding', actions: ['noteTurn', 'skipAddition'] },
            { actions: ['noteTurn', { type: 'ask', params: { slot: 'description', problem: 'tooShort' } }] },
          ],
          'flow.reprompt': { actions: ['noteTurn', { type: 'ask', params: { slot: 'description' } }] },
        },
      },
      confirming: {
        on: {
          'user.said': [
            ...correctionTransitions(),
            { guard: 'saidYes', target: 'submitting', actions: 'noteTurn' },
            { guard: 'saidNo', target: 'choosingChange', actions: ['noteTurn', 'askWhatToChange'] },
            { guard: 'addsDetail', actions: ['noteTurn', 'takeAddition', { type: 'showSummary', params: {} }] },
            { actions: ['noteTurn', { type: 'showSummary', params: { problem: 'notYesNo' } }] },
          ],
          'flow.reprompt': { actions: ['noteTurn', { type: 'showSummary', params: {} }] },
        },
      },
      /** The shopper said the summary is not right: which detail? */
      choosingChange: {
        on: {
          'user.said': [
            ...correctionTransitions(),
            { guard: 'saidYes', target: 'submitting', actions: 'noteTurn' },
            { actions: ['noteTurn', 'askWhatToChange'] },
          ],
          'flow.reprompt': { actions: ['noteTurn', 'askWhatToChange'] },
        },
      },
      submitting: {
        tags: ['busy'],
        invoke: {
          src: 'submitHandoff',
          input: ({ context }) => submissionOf(context, profileOf(context)),
          onDone: [
            {
              guard: { type: 'submitRateLimited', params: ({ event }) => event.output },
              target: 'notSaved',
              actions: {
                type: 'reportTooMany',
                params: ({ event }) => ({ retryAfterSeconds: event.output.outcome === 'rateLimited' ? event.output.retryAfterSeconds : 60 }),
              },
            },
            { target: 'submitted', actions: [{ type: 'rememberTicket', params: ({ event }) => event.output }, 'reportSubmitted'] },
          ],
          onError: { target: 'notSaved', actions: { type: 'reportNotSaved', params: {} } },
        },
      },
      /** Not stored, and the shopper was told so: try again, or stop. */
      notSaved: {
        on: {
          'user.said': [
            { guard: 'saidYes', target: 'submitting', actions: 'noteTurn' },
            { guard: 'saidNo', target: 'notSent', actions: ['noteTurn', 'reportNotSent'] },
            { actions: ['noteTurn', { type: 'reportNotSaved', params: { problem: 'notYesNo' } }] },
          ],
          'flow.reprompt': { actions: ['noteTurn', { type: 'reportNotSaved', params: {} }] },
        },
      },
      submitted: { type: 'final' },
      notSent: { type: 'final' },
    },
    output: ({ context }) => (context.ticket === null ? {} : { ticket: context.ticket }),
  });
}

export type HandoffMachine = ReturnType<typeof createHandoffMachine>;

/**
 * At the name prompt, an answer that gives no name: what else it gave is kept (words for the team,
 * added to the message; identifiers), and the name is asked once more. The second such answer
 * moves on without one.
 */
function nameNotGiven() {
  return [
    { guard: and(['saidDescription', 'missedBefore']), target: 'deciding', actions: ['noteTurn', 'addDescription', 'takeExtras', 'takeNoName'] },
    { guard: 'saidDescription', actions: ['noteTurn', 'addDescription', 'takeExtras', { type: 'ask', params: { slot: 'name', missed: true } }] },
    { guard: 'missedBefore', target: 'deciding', actions: ['noteTurn', 'takeExtras', 'takeNoName'] },
    { actions: ['noteTurn', 'takeExtras', { type: 'ask', params: { slot: 'name', problem: 'notAName' } }] },
  ] as const;
}

/** "Lee Wong" typed while another detail is asked: the name taken (and said back), the same question asked again. */
function nameGivenLate(slot: HandoffSlot) {
  return { guard: 'givesName', actions: ['noteTurn', 'applyCorrection', { type: 'ask', params: { slot } }] } as const;
}

/**
 * While one detail is asked, a message that corrects another ("oops, I meant riley@example.com")
 * changes it, says so, and asks the same question again.
 */
function updateTransitions(slot: HandoffSlot) {
  return [
    nameGivenLate(slot),
    { guard: 'updatesEmail', actions: ['noteTurn', 'takeEmail', { type: 'noteUpdate', params: 'email' }, { type: 'ask', params: { slot } }] },
    {
      guard: 'updatesOrderNumber',
      actions: ['noteTurn', 'takeOrderNumber', { type: 'noteUpdate', params: 'orderNumber' }, { type: 'ask', params: { slot } }],
    },
  ] as const;
}

/** From the summary: a correction with its value goes straight back to the summary; without, re-ask that slot. */
function correctionTransitions() {
  return [
    // "Remove the order number": the optional detail goes, and the summary is shown again.
    {
      guard: { type: 'skipped', params: { slot: 'orderNumber' } },
      target: 'deciding',
      actions: ['noteTurn', 'takeNoOrderNumber', { type: 'noteUpdate', params: 'orderNumber' }],
    },
    { guard: 'correctsWithValue', target: 'deciding', actions: ['noteTurn', 'applyCorrection'] },
    { guard: { type: 'corrects', params: { slot: 'name' } }, target: 'askingName', actions: ['noteTurn', { type: 'ask', params: { slot: 'name', correcting: true } }] },
    { guard: { type: 'corrects', params: { slot: 'email' } }, target: 'askingEmail', actions: ['noteTurn', { type: 'ask', params: { slot: 'email', correcting: true } }] },
    {
      guard: { type: 'corrects', params: { slot: 'orderNumber' } },
      target: 'askingOrderNumber',
      actions: ['noteTurn', { type: 'ask', params: { slot: 'orderNumber', correcting: true } }],
    },
    {
      guard: { type: 'corrects', params: { slot: 'description' } },
      target: 'askingDescription',
      actions: ['noteTurn', { type: 'ask', params: { slot: 'description', correcting: true } }],
    },
  ] as const;
}
