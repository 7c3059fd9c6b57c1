// A tiny router for testing one flow machine alone: it invokes the flow as the conversation does,
// forwards the shopper's events to it and collects the replies it sends up and its output.
import { assign, createActor, sendTo, setup, waitFor, type AnyStateMachine } from 'xstate';
import { BRAND_PROFILES } from '../../knowledge/brands/index.js';
import { loadKnowledgeBase } from '../../knowledge/knowledge-base.js';
import type { FlowDeps, FlowEffects, SubmitHandoffResult, VerifyOrderInput, VerifyOrderResult } from '../../machines/flow-effects.js';
import type { FlowReplyEvent, FlowReprompt, UserSaid } from '../../machines/flow-events.js';
import type { HandoffSubmission } from '../../knowledge/handoff/handoff-ticket.types.js';

export const KB = loadKnowledgeBase({ profiles: BRAND_PROFILES });

/** Records every effect call, answering with the given fakes (a flow test's only world). */
export function recordingDeps(effects: Partial<FlowEffects> = {}) {
  const lookups: VerifyOrderInput[] = [];
  const submissions: HandoffSubmission[] = [];
  const deps: FlowDeps = {
    profileOf: KB.profile,
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
