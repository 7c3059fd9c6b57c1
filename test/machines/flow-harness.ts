// A tiny router for testing one flow machine alone: it invokes the flow as the conversation does,
// forwards the shopper's events to it and collects the replies it sends up and its output. And the
// shopper's messages as the machines receive them: commands the Reading step made of the words.
import { assign, createActor, sendTo, setup, waitFor, type AnyStateMachine } from 'xstate';
import { loadKnowledgeBase } from '../../knowledge/knowledge-base.js';
import type { Command, FlowName, ItemMention, MessageFacts, Slot, SlotValues, SmallTalk } from '../../knowledge/reading/reading.types.js';
import type { Topic } from '../../knowledge/topics.js';
import type { FlowDeps, FlowEffects, SubmitHandoffResult, VerifyOrderInput, VerifyOrderResult } from '../../machines/flow-effects.js';
import type { FlowReplyEvent, FlowReprompt, UserSaid } from '../../machines/flow-events.js';
import type { HandoffSubmission } from '../../knowledge/handoff/handoff-ticket.types.js';
import { BRAND_PROFILES } from '../support/brands.js';

export const KB = loadKnowledgeBase({ profiles: BRAND_PROFILES });

/**
 * What goes with a command besides it: the shopper's words (kept for the team, never read by a
 * machine), the facts the message states, the turn's time, and its place among the message's commands.
 */
export interface Said {
  text?: string;
  facts?: MessageFacts;
  at?: string;
  more?: boolean;
  follows?: boolean;
}

const FLOW_TOPIC: Record<FlowName, Topic> = { tracking: 'order.tracking', returns: 'returns.start', handoff: 'handoff.human' };

/** An item as the shopper names it ("the pendant", "the final sale earrings"): its words, lower case. */
export function item(words: string, flags: Omit<ItemMention, 'words'> = {}): ItemMention {
  return { words: words.toLowerCase().split(/\s+/).filter(Boolean), ...flags };
}

/**
 * The shopper's messages as `user.said` events, timed at `at` unless a message says otherwise. As
 * the dialogs build them, a fill or a correction carries its values in the event's `slots` too.
 */
export function shopper(at: string) {
  function said(command: Command, slots: SlotValues = {}, extra: Said = {}): UserSaid {
    const { text = '', facts = {}, at: when = at, ...place } = extra;
    return { type: 'user.said', command, slots, facts, text, at: when, ...place };
  }
  return {
    said,
    start: (flow: FlowName, slots: SlotValues = {}, extra?: Said) => said({ kind: 'start', flow, topic: FLOW_TOPIC[flow], confidence: 0.9 }, slots, extra),
    fill: (slots: SlotValues, extra?: Said) => said({ kind: 'fill', slots }, slots, extra),
    correct: (slot: Slot, slots: SlotValues = {}, extra?: Said) => said({ kind: 'correct', slot, slots }, slots, extra),
    skip: (slot: Slot, extra?: Said) => said({ kind: 'skip', slot }, {}, extra),
    affirm: (extra?: Said) => said({ kind: 'affirm' }, {}, extra),
    deny: (extra?: Said) => said({ kind: 'deny' }, {}, extra),
    cancel: (extra?: Said) => said({ kind: 'cancel' }, {}, extra),
    restart: (extra?: Said) => said({ kind: 'restart' }, {}, extra),
    select: (choice: number, extra?: Said) => said({ kind: 'select', choice }, {}, extra),
    clarify: (options: Array<[Topic, number]>, extra?: Said) =>
      said({ kind: 'clarify', options: options.map(([topic, confidence]) => ({ topic, confidence })) }, {}, extra),
    smallTalk: (talk: SmallTalk, extra?: Said) => said({ kind: 'smallTalk', talk }, {}, extra),
    answer: (topic: Topic, confidence: number, extra?: Said) => said({ kind: 'answer', topic, confidence }, {}, extra),
    outOfScope: (confidence: number, extra?: Said) => said({ kind: 'outOfScope', confidence }, {}, extra),
    person: (slots: SlotValues = {}, extra?: Said) => said({ kind: 'person' }, slots, extra),
    unclear: (extra?: Said) => said({ kind: 'unclear' }, {}, extra),
  };
}

/** Records every effect call, answering with the given fakes (a flow test's only world). */
export function recordingDeps(effects: Partial<FlowEffects> = {}) {
  const lookups: VerifyOrderInput[] = [];
  const submissions: HandoffSubmission[] = [];
  const deps: FlowDeps = {
    profileOf: KB.profile,
    answerOf: KB.answer,
    effects: {
      async verifyOrder(input): Promise<VerifyOrderResult> {
        lookups.push(input);
        if (effects.verifyOrder === undefined) throw new Error('no order lookups in this test');
        return effects.verifyOrder(input);
      },
      async submitHandoff(submission): Promise<SubmitHandoffResult> {
        submissions.push(submission);
        if (effects.submitHandoff === undefined) throw new Error('no handoffs in this test');
        return effects.submitHandoff(submission);
      },
    },
  };
  return { deps, lookups, submissions };
}

interface HarnessContext<Input, Reply, Output> {
  input: Input;
  replies: Reply[];
  output: Output | null;
}

type Sent = UserSaid | FlowReprompt;

/** The flow under a test router: `Reply` is what the flow (and any sub-flow of it) sends up. */
export function flowHarness<Input, Reply, Output>(flow: AnyStateMachine) {
  type Context = HarnessContext<Input, Reply, Output>;
  const parent = setup({
    types: {
      context: {} as Context,
      events: {} as Sent | FlowReplyEvent<Reply>,
      input: {} as Input,
    },
    actors: { flow },
  }).createMachine({
    id: 'testParent',
    context: ({ input }) => ({ input, replies: [], output: null }),
    on: { 'flow.reply': { actions: assign({ replies: ({ context, event }) => [...context.replies, event.reply] }) } },
    initial: 'running',
    states: {
      running: {
        invoke: {
          id: 'flow',
          src: 'flow',
          input: ({ context }: { context: Context }) => context.input as never,
          onDone: { target: 'finished', actions: assign({ output: ({ event }) => event.output as Output }) },
        },
        on: {
          'user.said': { actions: sendTo('flow', ({ event }) => event) },
          'flow.reprompt': { actions: sendTo('flow', ({ event }) => event) },
        },
      },
      finished: { type: 'final' },
    },
  });

  /** Starts the flow (or restores it) and, when new, waits for its first reply. */
  async function begin(input: Input, snapshot?: unknown) {
    const actor = createActor(parent, { input, ...(snapshot === undefined ? {} : { snapshot: snapshot as never }) });
    actor.start();
    if (snapshot === undefined) await waitFor(actor, (state: { context: Context }) => state.context.replies.length > 0);
    return actor;
  }

  type Running = Awaited<ReturnType<typeof begin>>;

  /** Sends one event and waits for the flow's reply to it. */
  async function turn(actor: Running, event: Sent): Promise<Reply | undefined> {
    const before = actor.getSnapshot().context.replies.length;
    actor.send(event);
    const state = await waitFor(actor, (s: { context: Context }) => s.context.replies.length > before);
    return state.context.replies.at(-1);
  }

  return {
    begin,
    turn,
    replies: (actor: Running): Reply[] => actor.getSnapshot().context.replies,
    output: (actor: Running): Output | null => actor.getSnapshot().context.output,
  };
}
