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
import { saysItsUrgent } from '../knowledge/handoff/urgent-words.js';
import { soundsLikeCorrection } from '../knowledge/readers/dialogue-act.reader.js';
import type { Source } from '../knowledge/knowledge-base.types.js';
import type { Order } from '../knowledge/orders/order.schema.js';
import { assessReturn, orderReturnBlock } from '../knowledge/returns/eligibility.js';
import {
  CONDITION_CHOICES,
  WISH_CHOICES,
  isChoiceValue,
  matchItem,
  readCondition,
  readTagsAnswer,
  readWish,
  type ReturnChoice,
} from '../knowledge/returns/return-answers.js';
import type { ItemCondition, ReturnVerdict, ReturnVerdictReason, ReturnWish } from '../knowledge/returns/return-verdict.types.js';
import type { FlowDeps } from './flow-effects.js';
import type { FlowReplyEvent, FlowReprompt, UserSaid } from './flow-events.js';
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
  /** The message that started the flow ("the earrings are too big"): read for the item, condition and reason. */
  text?: string;
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
  /** The first message, read once the order is known. */
  opening: string | null;
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

/**
 * Which of the verified order's items a message names (indexes into `order.items`): among the
 * items offered after an ambiguous answer first, then among all of them.
 */
export function itemAnswer(context: ReturnsContext, text: string): { index: number } | { ambiguous: number[] } | undefined {
  const order = context.verifiedOrder;
  if (order === null) return undefined;
  const all = order.items.map((_, index) => index);
  for (const pool of context.candidates === null ? [all] : [context.candidates, all]) {
    const match = matchItem(text, pool.flatMap((index) => (order.items[index] ? [order.items[index]] : [])));
    if (match === undefined) continue;
    if ('index' in match) {
      const index = pool[match.index];
      return index === undefined ? undefined : { index };
    }
    return { ambiguous: match.ambiguous.flatMap((index) => (pool[index] === undefined ? [] : [pool[index]])) };
  }
  return undefined;
}

/** What one message says about the item, its condition and the reason, on top of what is known. */
export function readAnswers(context: ReturnsContext, text: string, awaiting: AnswerSlot | null): Answers {
  const order = context.verifiedOrder;
  const { itemIndex, candidates, condition, tagsUnknown, wish, shopperWords } = context;
  const next: Answers = { itemIndex, candidates, condition, tagsUnknown, wish, shopperWords, shopperSaysUrgent: context.shopperSaysUrgent || saysItsUrgent(text) };
  if (order === null) return next;
  const choices = itemChoices(order, null);
  if (next.itemIndex === null) {
    const answer = itemAnswer(context, text);
    if (answer && 'index' in answer) {
      next.itemIndex = answer.index;
      next.candidates = null;
    } else if (answer) {
      next.candidates = answer.ambiguous;
    }
  }
  // A button press names an item or a choice; anything else may say more than was asked.
  const isItemName = isChoiceValue(text, choices);
  if (!isItemName) {
    if (next.condition === null) {
      const tags = next.tagsUnknown && awaiting === 'condition' ? readTagsAnswer(text) : undefined;
      const condition = tags === undefined ? readCondition(text) : tags ? 'unused_with_tags' : 'unused_no_tags';
      if (condition === 'unused') next.tagsUnknown = true;
      else if (condition !== undefined) {
        next.condition = condition;
        next.tagsUnknown = false;
      }
    }
    // The "Damaged" condition button says how the item is, not why it goes back.
    if (next.wish === null && !isChoiceValue(text, Object.values(CONDITION_CHOICES))) next.wish = readWish(text) ?? null;
    // "It arrived broken" says the condition too.
    if (next.wish === 'damaged_on_arrival' && next.condition === null && !next.tagsUnknown) next.condition = 'damaged';
  }
  const ownWords = !isItemName && !isChoiceValue(text, [...Object.values(CONDITION_CHOICES), ...Object.values(WISH_CHOICES)]);
  // Which item is in the verdict already; what the shopper said about its state and why is kept.
  const learned = next.condition !== context.condition || next.wish !== context.wish || next.tagsUnknown !== context.tagsUnknown;
  if (ownWords && learned && text.trim() !== '') next.shopperWords = [...context.shopperWords, text.trim()].slice(-MAX_WORDS_KEPT);
  return next;
}

function answered(context: ReturnsContext, event: ReturnsEvent, slot: AnswerSlot): boolean {
  if (event.type !== 'user.said') return false;
  const next = readAnswers(context, event.text, slot);
  switch (slot) {
    case 'item':
      return next.itemIndex !== null;
    case 'condition':
      return next.condition !== null || (next.tagsUnknown && !context.tagsUnknown);
    case 'reason':
      return next.wish !== null;
  }
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
        if (event.type !== 'user.said') return false;
        const answer = itemAnswer(context, event.text);
        return answer !== undefined && 'ambiguous' in answer;
      },
      answersCondition: ({ context, event }) => answered(context, event, 'condition'),
      answersReason: ({ context, event }) => answered(context, event, 'reason'),
      correctsItem: ({ context, event }) => {
        if (event.type !== 'user.said' || context.itemIndex === null || !soundsLikeCorrection(event.text)) return false;
        const answer = itemAnswer(context, event.text);
        return answer !== undefined && 'index' in answer && answer.index !== context.itemIndex;
      },
      correctsCondition: ({ context, event }) => {
        if (event.type !== 'user.said' || context.condition === null || !soundsLikeCorrection(event.text)) return false;
        const condition = readCondition(event.text);
        return condition !== undefined && condition !== 'unused' && condition !== context.condition;
      },
      verified: verifiedOutput,
    },
    actions: {
      noteTime: assign({ at: ({ context, event }) => ('at' in event ? event.at : context.at) }),
      /** While the order is being verified: only the time and the shopper's own "it's urgent" matter here. */
      noteTurn: assign(({ context, event }) =>
        event.type === 'user.said' ? { at: event.at, shopperSaysUrgent: context.shopperSaysUrgent || saysItsUrgent(event.text) } : {},
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
        return context.opening === null ? single : { ...single, ...readAnswers(known, context.opening, null) };
      }),
      takeAnswers: assign(({ context, event }, params: { slot: AnswerSlot }) =>
        event.type === 'user.said' ? { at: event.at, ...readAnswers(context, event.text, params.slot) } : {},
      ),
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
        const answer = event.type === 'user.said' ? itemAnswer(context, event.text) : undefined;
        return answer !== undefined && 'index' in answer ? { itemIndex: answer.index, candidates: null, condition: null, tagsUnknown: false } : {};
      }),
      /** "Actually I wore it once": the condition given before, changed. */
      changeCondition: assign(({ context, event }) => {
        const condition = event.type === 'user.said' ? readCondition(event.text) : undefined;
        return condition === undefined || condition === 'unused' ? {} : { condition, tagsUnknown: false, at: event.type === 'user.said' ? event.at : context.at };
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
      const opening = input.text?.trim() ?? '';
      return {
        brand: input.brand,
        at: input.at,
        orderNumber: input.orderNumber ?? null,
        email: input.email ?? null,
        verifiedOrder: input.verifiedOrder ?? null,
        failedAttempts: input.failedAttempts ?? 0,
        opening: opening === '' ? null : opening,
        itemIndex: null,
        candidates: null,
        condition: null,
        tagsUnknown: false,
        wish: null,
        shopperWords: [],
        shopperSaysUrgent: opening !== '' && saysItsUrgent(opening),
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
