// The returns flow: verify the order (machines/verify-order.machine.ts) → which item → its
// condition → why it goes back → the verdict with every reason and the next steps. A child of the
// conversation router like tracking: it receives `user.said` / `flow.reprompt`, sends each reply
// up as `flow.reply` (relaying the verification's), and ends with what the router (and a handoff
// after it) needs. What the shopper's first message already said (the item, its condition, the
// reason) is not asked again once the order is known.
import { assign, enqueueActions, forwardTo, sendParent, setup } from 'xstate';
import type { BrandId } from '../knowledge/brand-ids.js';
import type { HandoffCase } from '../knowledge/handoff/handoff-case.types.js';
import { categoryOfWish } from '../knowledge/handoff/issue-case.js';
import type { HandoffUrgency } from '../knowledge/handoff/urgency.js';
import type { Source } from '../knowledge/knowledge-base.types.js';
import type { Order } from '../knowledge/orders/order.schema.js';
import type { ItemMention, SlotValues } from '../knowledge/reading/reading.types.js';
import { assessReturn, orderReturnBlock } from '../knowledge/returns/eligibility.js';
import { matchItem } from '../knowledge/returns/item-match.js';
import { CONDITION_CHOICES, WISH_CHOICES, type ReturnChoice } from '../knowledge/returns/return-choices.js';
import type { ItemCondition, ReturnVerdict, ReturnVerdictReason, ReturnWish } from '../knowledge/returns/return-verdict.types.js';
import type { FlowDeps } from './flow-effects.js';
import { isCommand, type FlowReplyEvent, type FlowReprompt, type UserSaid } from './flow-events.js';
import { createVerifyOrderMachine, givenBefore, verificationInputFor, verifiedOutput, type VerificationStart, type VerifyEnding, type VerifyOutput, type VerifyReply } from './verify-order.machine.js';

export type ReturnsSlot = 'item' | 'condition' | 'reason';
/** Not understood, several items match, the tags are unknown (and still, after another answer). */
export type ReturnsAskProblem = 'notUnderstood' | 'ambiguous' | 'tags' | 'tagsStillUnknown';

export type ReturnsReply =
  /** `stuck`: the same question was not understood twice: a person and a way out go with the choices. */
  /** `corrected`: the shopper changed an answer given before ("actually I wore it once"), said back first. */
  | {
      kind: 'returns.ask';
      slot: ReturnsSlot;
      problem?: ReturnsAskProblem;
      options?: ReturnChoice[];
      itemName?: string;
      stuck?: boolean;
      corrected?: { slot: 'item'; itemName: string } | { slot: 'condition'; condition: ItemCondition };
    }
  | { kind: 'returns.verdict'; verdict: ReturnVerdict; sources: Source[]; urgency: HandoffUrgency }
  | {
      kind: 'returns.notReturnable';
      orderNumber: string;
      status: 'processing' | 'shipped' | 'cancelled';
      reasons: ReturnVerdictReason[];
      nextSteps: string[];
      sources: Source[];
    };

export type ReturnsReplyEvent = FlowReplyEvent<ReturnsReply | VerifyReply>;

export interface ReturnsInput {
  brand: BrandId;
  /** The time of the turn that started the flow (ISO). */
  at: string;
  verifiedOrder?: Order;
  orderNumber?: string;
  email?: string;
  failedAttempts?: number;
  /** What the message that started the flow said ("the earrings are too big"): the item, condition and reason. */
  opening?: Opening;
}

/** What the first message said about the item, as the Reading step read it, and the words it said it in. */
export interface Opening {
  slots: SlotValues;
  urgent: boolean;
  text: string;
}

export type ReturnsEvent = UserSaid | FlowReprompt | FlowReplyEvent<VerifyReply>;

export interface ReturnsOutput {
  verifiedOrder?: Order;
  verdict?: ReturnVerdict;
  /** The flow ended where a person should be offered next; `handoffCase` says what they get. */
  offerHandoff: boolean;
  handoffCase?: HandoffCase;
  failedAttempts: number;
}

type Ending = 'verdict' | 'notReturnable' | VerifyEnding['kind'];

/** `orderNumber` and `email`: what the first message gave; the verification takes them from there. */
export interface ReturnsContext extends VerificationStart {
  /** What the first message said, applied once the order is known. */
  opening: Opening | null;
  /** Index into the verified order's items. */
  itemIndex: number | null;
  /** Items that matched an ambiguous answer, offered again. */
  candidates: number[] | null;
  condition: ItemCondition | null;
  /** "Never worn", with nothing said about the tags: ask about them. */
  tagsUnknown: boolean;
  wish: ReturnWish | null;
  /** What the shopper typed in their own words (not button values), for the handoff. */
  shopperWords: string[];
  shopperSaysUrgent: boolean;
  verdict: ReturnVerdict | null;
  ending: Ending | null;
  /** How the verification ended, when it did without an order: what a handoff keeps of it. */
  verification: VerifyEnding | null;
  /** Answers in a row the current question could not use (the loop guard). */
  misses: number;
}

type AnswerSlot = 'item' | 'condition' | 'reason';
type Answers = Pick<ReturnsContext, 'itemIndex' | 'candidates' | 'condition' | 'tagsUnknown' | 'wish' | 'shopperWords' | 'shopperSaysUrgent'>;

const MAX_WORDS_KEPT = 6;
/** A question not understood twice in a row comes with a person and a way out. */
const MISSES_BEFORE_CHOICES = 2;

function itemChoices(order: Order, only: readonly number[] | null): ReturnChoice[] {
  const indexes = only ?? order.items.map((_, index) => index);
  return indexes.flatMap((index) => {
    const item = order.items[index];
    if (!item) return [];
    const duplicate = order.items.filter((other) => other.name === item.name).length > 1;
    const value = duplicate ? `${item.name} (${item.sku})` : item.name;
    return [{ title: item.quantity > 1 ? `${value} ×${item.quantity}` : value, value }];
  });
}

/** The choices shown for a slot, in order: what a pick by place ("the second one") picks. */
function shownFor(context: ReturnsContext, slot: AnswerSlot): Array<{ index: number } | { condition: ItemCondition } | { wish: ReturnWish }> {
  switch (slot) {
    case 'item': {
      const order = context.verifiedOrder;
      const all = order === null ? [] : order.items.map((_, index) => index);
      return (context.candidates ?? all).map((index) => ({ index }));
    }
    case 'condition': {
      const conditions: ItemCondition[] = context.tagsUnknown ? ['unused_with_tags', 'unused_no_tags'] : (Object.keys(CONDITION_CHOICES) as ItemCondition[]);
      return conditions.map((condition) => ({ condition }));
    }
    case 'reason':
      return (Object.keys(WISH_CHOICES) as ReturnWish[]).map((wish) => ({ wish }));
  }
}

/**
 * Which of the verified order's items a mention names (indexes into `order.items`): among the
 * items offered after an ambiguous answer first, then among all of them.
 */
export function itemAnswer(context: ReturnsContext, mention: ItemMention): { index: number } | { ambiguous: number[] } | undefined {
  const order = context.verifiedOrder;
  if (order === null) return undefined;
  const all = order.items.map((_, index) => index);
  for (const pool of context.candidates === null ? [all] : [context.candidates, all]) {
    const match = matchItem(mention, pool.flatMap((index) => (order.items[index] ? [order.items[index]] : [])));
    if (match === undefined) continue;
    if ('index' in match) {
      const index = pool[match.index];
      return index === undefined ? undefined : { index };
    }
    return { ambiguous: match.ambiguous.flatMap((index) => (pool[index] === undefined ? [] : [pool[index]])) };
  }
  return undefined;
}

/** What one message says: a pick among the choices shown, or values in the shopper's own words. */
export type ReturnsAnswer =
  | { kind: 'picked'; choice: number }
  | { kind: 'said'; slots: SlotValues; text: string; urgent: boolean }
  /** "Yes" or "no" to "are the tags still on?". */
  | { kind: 'yesNo'; yes: boolean; urgent: boolean };

function answerOf(event: ReturnsEvent): ReturnsAnswer | undefined {
  if (event.type !== 'user.said') return undefined;
  const urgent = event.facts.urgent === true;
  switch (event.command.kind) {
    case 'select':
      return { kind: 'picked', choice: event.command.choice };
    case 'affirm':
    case 'deny':
      return { kind: 'yesNo', yes: event.command.kind === 'affirm', urgent };
    case 'fill':
    case 'correct':
    case 'start':
      return { kind: 'said', slots: event.slots, text: event.text, urgent };
    default:
      return { kind: 'said', slots: {}, text: event.text, urgent };
  }
}

/** What one answer says about the item, its condition and the reason, on top of what is known. */
export function readAnswers(context: ReturnsContext, answer: ReturnsAnswer, awaiting: AnswerSlot | null): Answers {
  const order = context.verifiedOrder;
  const { itemIndex, candidates, condition, tagsUnknown, wish, shopperWords } = context;
  const next: Answers = { itemIndex, candidates, condition, tagsUnknown, wish, shopperWords, shopperSaysUrgent: context.shopperSaysUrgent || (answer.kind !== 'picked' && answer.urgent) };
  if (order === null) return next;
  if (answer.kind === 'picked') {
    // A button (or "the second one"): the choice shown at that place for the question asked.
    const picked = awaiting === null ? undefined : shownFor(context, awaiting)[answer.choice];
    if (picked !== undefined && 'index' in picked) {
      next.itemIndex = picked.index;
      next.candidates = null;
    } else if (picked !== undefined && 'condition' in picked) {
      next.condition = picked.condition;
      next.tagsUnknown = false;
    } else if (picked !== undefined && 'wish' in picked) {
      next.wish = picked.wish;
    }
    return next;
  }
  if (answer.kind === 'yesNo') {
    if (next.tagsUnknown && awaiting === 'condition') {
      next.condition = answer.yes ? 'unused_with_tags' : 'unused_no_tags';
      next.tagsUnknown = false;
    }
    return next;
  }
  const { slots } = answer;
  if (next.itemIndex === null && slots.item !== undefined) {
    const found = itemAnswer(context, slots.item);
    if (found && 'index' in found) {
      next.itemIndex = found.index;
      next.candidates = null;
    } else if (found) {
      next.candidates = found.ambiguous;
    }
  }
  if (next.condition === null && slots.condition !== undefined) {
    if (slots.condition === 'unused') next.tagsUnknown = true;
    else {
      next.condition = slots.condition;
      next.tagsUnknown = false;
    }
  }
  if (next.wish === null && slots.reason !== undefined) next.wish = slots.reason;
  // "It arrived broken" says the condition too.
  if (next.wish === 'damaged_on_arrival' && next.condition === null && !next.tagsUnknown) next.condition = 'damaged';
  // Which item is in the verdict already; what the shopper said about its state and why is kept.
  const learned = next.condition !== context.condition || next.wish !== context.wish || next.tagsUnknown !== context.tagsUnknown;
  if (learned && answer.text.trim() !== '') next.shopperWords = [...context.shopperWords, answer.text.trim()].slice(-MAX_WORDS_KEPT);
  return next;
}

function answered(context: ReturnsContext, event: ReturnsEvent, slot: AnswerSlot): boolean {
  const answer = answerOf(event);
  if (answer === undefined) return false;
  const next = readAnswers(context, answer, slot);
  switch (slot) {
    case 'item':
      return next.itemIndex !== null;
    case 'condition':
      return next.condition !== null || (next.tagsUnknown && !context.tagsUnknown);
    case 'reason':
      return next.wish !== null;
  }
}

/** The item a correction names, when it is another one of the order ("oops, I meant the earrings"). */
function correctedItem(context: ReturnsContext, event: ReturnsEvent): number | undefined {
  if (!isCommand(event, 'correct') || context.itemIndex === null || event.command.slots.item === undefined) return undefined;
  const found = itemAnswer(context, event.command.slots.item);
  return found !== undefined && 'index' in found && found.index !== context.itemIndex ? found.index : undefined;
}

/** The condition a correction gives, when it differs ("actually I wore it once"). */
function correctedCondition(context: ReturnsContext, event: ReturnsEvent): ItemCondition | undefined {
  if (!isCommand(event, 'correct') || context.condition === null) return undefined;
  const condition = event.command.slots.condition;
  return condition === undefined || condition === 'unused' || condition === context.condition ? undefined : condition;
}

/**
 * What a handoff after this flow carries: the verdict and the verified facts, or the failed lookup.
 * A plain "not eligible" carries its verdict too, in case the shopper still asks for a person,
 * though the flow does not offer one (`offerHandoff`).
 */
export function handoffCaseOf(context: ReturnsContext): HandoffCase | undefined {
  const shared = {
    ...(context.shopperSaysUrgent ? { shopperSaysUrgent: true } : {}),
    ...(context.shopperWords.length > 0 ? { description: context.shopperWords.join('\n') } : {}),
  };
  const { verdict, verifiedOrder: order } = context;
  if (context.ending === 'verdict' && verdict !== null && order !== null) {
    return {
      category: categoryOfWish(verdict.wish),
      ...shared,
      verifiedOrder: order,
      returnVerdict: verdict,
      orderNumber: order.orderNumber,
      email: order.email,
      ...(order.customerName === null ? {} : { name: order.customerName }),
    };
  }
  if (context.ending === 'gaveUp' || context.ending === 'locked' || context.ending === 'unavailable' || context.ending === 'skipped') {
    return { category: 'lookup_failed', ...shared, ...givenBefore(context.verification) };
  }
  return undefined;
}

function reply(reply: ReturnsReply): ReturnsReplyEvent {
  return { type: 'flow.reply', reply };
}

type AskParams = { slot: ReturnsSlot; problem?: ReturnsAskProblem; corrected?: 'item' | 'condition' };

function askReply(context: ReturnsContext, { slot, problem }: AskParams): ReturnsReply {
  const order = context.verifiedOrder;
  const item = order && context.itemIndex !== null ? order.items[context.itemIndex] : undefined;
  const itemName = item ? { itemName: item.name } : {};
  switch (slot) {
    case 'item': {
      // Items an earlier answer matched equally well are offered again on their own.
      const shownProblem = problem ?? (context.candidates === null ? undefined : 'ambiguous');
      const only = shownProblem === 'ambiguous' ? context.candidates : null;
      return { kind: 'returns.ask', slot, ...(shownProblem ? { problem: shownProblem } : {}), options: order ? itemChoices(order, only) : [] };
    }
    case 'condition': {
      const tags = context.tagsUnknown;
      const options = tags ? [CONDITION_CHOICES.unused_with_tags, CONDITION_CHOICES.unused_no_tags] : Object.values(CONDITION_CHOICES);
      const shownProblem = tags ? (problem === 'notUnderstood' ? 'tagsStillUnknown' : 'tags') : problem;
      return { kind: 'returns.ask', slot, ...(shownProblem ? { problem: shownProblem } : {}), options, ...itemName };
    }
    case 'reason':
      return { kind: 'returns.ask', slot, ...(problem ? { problem } : {}), options: Object.values(WISH_CHOICES), ...itemName };
  }
}

export function createReturnsMachine(deps: FlowDeps) {
  return setup({
    types: {} as { context: ReturnsContext; events: ReturnsEvent; input: ReturnsInput; output: ReturnsOutput },
    actors: { verification: createVerifyOrderMachine(deps) },
    guards: {
      orderNotReturnable: ({ context }) => context.verifiedOrder !== null && context.verifiedOrder.status !== 'delivered',
      needsItem: ({ context }) => context.itemIndex === null,
      needsCondition: ({ context }) => context.condition === null,
      needsReason: ({ context }) => context.wish === null,
      answersItem: ({ context, event }) => answered(context, event, 'item'),
      itemAmbiguous: ({ context, event }) => {
        const item = event.type === 'user.said' ? event.slots.item : undefined;
        const found = item === undefined ? undefined : itemAnswer(context, item);
        return found !== undefined && 'ambiguous' in found;
      },
      answersCondition: ({ context, event }) => answered(context, event, 'condition'),
      answersReason: ({ context, event }) => answered(context, event, 'reason'),
      correctsItem: ({ context, event }) => correctedItem(context, event) !== undefined,
      correctsCondition: ({ context, event }) => correctedCondition(context, event) !== undefined,
      verified: verifiedOutput,
    },
    actions: {
      noteTime: assign({ at: ({ context, event }) => ('at' in event ? event.at : context.at) }),
      /** While the order is being verified: only the time and the shopper's own "it's urgent" matter here. */
      noteTurn: assign(({ context, event }) =>
        event.type === 'user.said' ? { at: event.at, shopperSaysUrgent: context.shopperSaysUrgent || event.facts.urgent === true } : {},
      ),
      relay: sendParent(({ event }) => event as FlowReplyEvent<VerifyReply>),
      settle: assign(({ context }, output: VerifyOutput) => ({
        failedAttempts: output.failedAttempts,
        verifiedOrder: output.outcome === 'verified' ? output.order : context.verifiedOrder,
        ...(output.outcome === 'ended' ? { ending: output.ending.kind, verification: output.ending } : {}),
      })),
      /** The order is known: a single item needs no question, and the first message may have answered some. */
      readOpening: assign(({ context }) => {
        const single = context.verifiedOrder?.items.length === 1 ? { itemIndex: 0 } : {};
        const known = { ...context, ...single };
        const opening = context.opening;
        return opening === null ? single : { ...single, ...readAnswers(known, { kind: 'said', slots: opening.slots, text: opening.text, urgent: opening.urgent }, null) };
      }),
      takeAnswers: assign(({ context, event }, params: { slot: AnswerSlot }) => {
        const answer = answerOf(event);
        return answer === undefined || event.type !== 'user.said' ? {} : { at: event.at, ...readAnswers(context, answer, params.slot) };
      }),
      ask: enqueueActions(({ context, enqueue }, params: AskParams) => {
        // A question the shopper could not answer counts; any other question starts the count again.
        const misses = params.problem === 'notUnderstood' ? context.misses + 1 : 0;
        enqueue.assign({ misses });
        const item = context.verifiedOrder?.items[context.itemIndex ?? -1];
        const corrected =
          params.corrected === 'item' && item !== undefined
            ? { corrected: { slot: 'item' as const, itemName: item.name } }
            : params.corrected === 'condition' && context.condition !== null
              ? { corrected: { slot: 'condition' as const, condition: context.condition } }
              : {};
        const { corrected: _asked, ...asked } = params;
        enqueue.sendParent(reply({ ...askReply(context, asked), ...(misses >= MISSES_BEFORE_CHOICES ? { stuck: true } : {}), ...corrected }));
      }),
      /** "Oops, I meant the earrings": another item of the order; what was said about the first no longer holds. */
      changeItem: assign(({ context, event }) => {
        const index = correctedItem(context, event);
        return index === undefined ? {} : { itemIndex: index, candidates: null, condition: null, tagsUnknown: false };
      }),
      /** "Actually I wore it once": the condition given before, changed. */
      changeCondition: assign(({ context, event }) => {
        const condition = correctedCondition(context, event);
        return condition === undefined ? {} : { condition, tagsUnknown: false, at: event.type === 'user.said' ? event.at : context.at };
      }),
      giveVerdict: enqueueActions(({ context, enqueue }) => {
        const order = context.verifiedOrder;
        const item = order && context.itemIndex !== null ? order.items[context.itemIndex] : undefined;
        if (!order || !item || context.condition === null || context.wish === null) return;
        const { verdict, sources, urgency } = assessReturn({
          order,
          item,
          condition: context.condition,
          wish: context.wish,
          profile: deps.profileOf(context.brand),
          now: context.at,
          shopperSaysUrgent: context.shopperSaysUrgent,
        });
        enqueue.assign({ verdict, ending: 'verdict' });
        enqueue.sendParent(reply({ kind: 'returns.verdict', verdict, sources, urgency }));
      }),
      reportNotReturnable: enqueueActions(({ context, enqueue }) => {
        const order = context.verifiedOrder;
        const blocked = order && orderReturnBlock(order, deps.profileOf(context.brand));
        if (!order || !blocked || order.status === 'delivered') return;
        enqueue.assign({ ending: 'notReturnable' });
        enqueue.sendParent(reply({ kind: 'returns.notReturnable', orderNumber: order.orderNumber, status: order.status, ...blocked }));
      }),
    },
  }).createMachine({
    id: 'returns',
    context: ({ input }) => {
      const opening = input.opening ?? null;
      return {
        brand: input.brand,
        at: input.at,
        orderNumber: input.orderNumber ?? null,
        email: input.email ?? null,
        verifiedOrder: input.verifiedOrder ?? null,
        failedAttempts: input.failedAttempts ?? 0,
        opening,
        itemIndex: null,
        candidates: null,
        condition: null,
        tagsUnknown: false,
        wish: null,
        shopperWords: [],
        shopperSaysUrgent: opening?.urgent === true,
        verdict: null,
        ending: null,
        verification: null,
        misses: 0,
      };
    },
    initial: 'verifying',
    states: {
      verifying: {
        invoke: {
          id: 'verification', src: 'verification', input: verificationInputFor('returns'),
          onDone: [
            { guard: { type: 'verified', params: ({ event }) => event.output }, target: 'orderKnown', actions: { type: 'settle', params: ({ event }) => event.output } },
            { target: 'ended', actions: { type: 'settle', params: ({ event }) => event.output } },
          ],
        },
        on: {
          'user.said': { actions: ['noteTurn', forwardTo('verification')] },
          'flow.reprompt': { actions: ['noteTime', forwardTo('verification')] },
          'flow.reply': { actions: 'relay' },
        },
      },
      /** A verified order: nothing to return from an order that isn't delivered; else collect the answers. */
      orderKnown: {
        always: [
          { guard: 'orderNotReturnable', target: 'notReturnable', actions: 'reportNotReturnable' },
          { target: 'collecting', actions: 'readOpening' },
        ],
      },
      /** Asks for the first thing still unknown: item, condition, reason; then the verdict. */
      collecting: {
        always: [
          { guard: 'needsItem', target: 'askingItem', actions: { type: 'ask', params: { slot: 'item' } } },
          { guard: 'needsCondition', target: 'askingCondition', actions: { type: 'ask', params: { slot: 'condition' } } },
          { guard: 'needsReason', target: 'askingReason', actions: { type: 'ask', params: { slot: 'reason' } } },
          { target: 'answered', actions: 'giveVerdict' },
        ],
      },
      askingItem: {
        on: {
          'user.said': [
            { guard: 'answersItem', target: 'collecting', actions: { type: 'takeAnswers', params: { slot: 'item' } } },
            {
              guard: 'itemAmbiguous',
              actions: [{ type: 'takeAnswers', params: { slot: 'item' } }, { type: 'ask', params: { slot: 'item', problem: 'ambiguous' } }],
            },
            { actions: [{ type: 'takeAnswers', params: { slot: 'item' } }, { type: 'ask', params: { slot: 'item', problem: 'notUnderstood' } }] },
          ],
          'flow.reprompt': { actions: ['noteTime', { type: 'ask', params: { slot: 'item' } }] },
        },
      },
      askingCondition: {
        on: {
          'user.said': [
            { guard: 'correctsItem', actions: ['changeItem', { type: 'ask', params: { slot: 'condition', corrected: 'item' } }] },
            { guard: 'answersCondition', target: 'collecting', actions: { type: 'takeAnswers', params: { slot: 'condition' } } },
            {
              actions: [{ type: 'takeAnswers', params: { slot: 'condition' } }, { type: 'ask', params: { slot: 'condition', problem: 'notUnderstood' } }],
            },
          ],
          'flow.reprompt': { actions: ['noteTime', { type: 'ask', params: { slot: 'condition' } }] },
        },
      },
      askingReason: {
        on: {
          'user.said': [
            { guard: 'correctsItem', target: 'collecting', actions: 'changeItem' },
            { guard: 'correctsCondition', actions: ['changeCondition', { type: 'ask', params: { slot: 'reason', corrected: 'condition' } }] },
            { guard: 'answersReason', target: 'collecting', actions: { type: 'takeAnswers', params: { slot: 'reason' } } },
            { actions: [{ type: 'takeAnswers', params: { slot: 'reason' } }, { type: 'ask', params: { slot: 'reason', problem: 'notUnderstood' } }] },
          ],
          'flow.reprompt': { actions: ['noteTime', { type: 'ask', params: { slot: 'reason' } }] },
        },
      },
      answered: { type: 'final' },
      notReturnable: { type: 'final' },
      ended: { type: 'final' },
    },
    output: ({ context }) => {
      const handoffCase = handoffCaseOf(context);
      const { verdict } = context;
      const offer = verdict === null ? handoffCase !== undefined : verdict.productIssue || verdict.eligible !== false;
      return {
        ...(context.verifiedOrder === null ? {} : { verifiedOrder: context.verifiedOrder }),
        ...(verdict === null ? {} : { verdict }),
        offerHandoff: offer,
        ...(handoffCase === undefined ? {} : { handoffCase }),
        failedAttempts: context.failedAttempts,
      };
    },
  });
}

export type ReturnsMachine = ReturnType<typeof createReturnsMachine>;
