// The handoff end to end inside the bot's turn runner: each turn records the transcript
// (redacted) with the conversation, the flow collects and confirms, the real submit effect stores the ticket with that
// transcript, the .eml is written, the turn announces it with `handoff.initiate`, and a ticket
// that cannot be stored is told as such.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ActivityTypes, type Activity } from 'botbuilder';
import { simpleParser } from 'mailparser';
import { assign, createActor, setup, waitFor, type AnyActorRef } from 'xstate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { BrandId } from '../../../knowledge/brand-ids.js';
import type { HandoffCase } from '../../../knowledge/handoff/handoff-case.types.js';
import { contextOf, createReader } from '../../support/reading.js';
import { renderHandoffReply } from '../../../dialogs/handoff.render.js';
import type { FlowReplyEvent, UserSaid } from '../../../machines/flow-events.js';
import { createHandoffMachine, type HandoffOutput, type HandoffReply } from '../../../machines/handoff.machine.js';
import type { HandoffTicket } from '../../../knowledge/handoff/handoff-ticket.types.js';
import type { ConversationTurns } from '../../../dialogs/conversation.turn.js';
import { createHandoff, type Handoff } from '../../../bot/handoff/index.js';
import { conversationKeyOf, createConversationStore, type ConversationStore } from '../../../bot/state/conversation-store.js';
import { ExpiringMemoryStorage } from '../../../bot/state/memory.storage.js';
import { createTurnRunner } from '../../../bot/turn-runner.js';
import { profileOf, quietLogger, tempDir, testConfig, waitUntil } from './handoff-fixtures.js';
import { BRAND_IDS } from '../../support/brands.js';

const NOW = new Date('2026-12-02T17:00:00Z');

let dir: Awaited<ReturnType<typeof tempDir>>;
let handoff: Handoff;
let store: ConversationStore;

beforeEach(async () => {
  dir = await tempDir();
  store = createConversationStore(new ExpiringMemoryStorage({ ttlSeconds: 3600 }));
  handoff = await createHandoff({ config: testConfig(dir.path), transcriptOf: (key) => store.transcript(key), logger: quietLogger, profileOf, brandIds: BRAND_IDS, now: () => NOW });
  await handoff.start();
});

afterEach(async () => {
  await handoff.close();
  await dir.remove();
});

const reader = createReader();

/** A stand-in router: invokes the handoff flow, storing through the real submitter, and keeps its replies and ticket. */
function routerFor(brand: BrandId, handoffCase: HandoffCase, conversationKey: string) {
  const flow = createHandoffMachine({
    profileOf,
    answerOf: () => ({ stated: true, sources: [] }),
    effects: {
      verifyOrder: () => Promise.reject(new Error('no lookups here')),
      submitHandoff: async (submission) => ({ outcome: 'stored', ticket: await handoff.submitter.submit(submission, conversationKey) }),
    },
  });
  return setup({
    types: { context: {} as { replies: HandoffReply[]; ticket: HandoffTicket | null }, events: {} as UserSaid | FlowReplyEvent<HandoffReply> },
    actors: { handoff: flow },
  }).createMachine({
    context: { replies: [], ticket: null },
    on: { 'flow.reply': { actions: assign({ replies: ({ context, event }) => [...context.replies, event.reply] }) } },
    invoke: {
      id: 'flow',
      src: 'handoff',
      input: { brand, at: NOW.toISOString(), case: handoffCase },
      onDone: { actions: assign({ ticket: ({ event }) => (event.output as HandoffOutput).ticket ?? null }) },
    },
  });
}

/** A one-flow bot: each turn feeds the shopper's text to the handoff flow and renders its replies. */
function chat(brand: BrandId, handoffCase: HandoffCase, conversationId = 'conv-1') {
  const key = conversationKeyOf(brand, { channelId: 'test', conversation: { id: conversationId } }) ?? 'unkeyed';
  const router = createActor(routerFor(brand, handoffCase, key));
  // The stand-in keeps its router in memory; the runner still loads and saves the conversation.
  let announced = false;
  const step = async (text: string | null) => {
    const before = router.getSnapshot().context.replies.length;
    if (text === null) {
      router.start();
    } else {
      const flow = router.getSnapshot().children.flow as AnyActorRef | undefined;
      // Read as the service reads it, at the prompt the flow last showed.
      const last = router.getSnapshot().context.replies.at(-1);
      const awaiting = last?.kind === 'handoff.ask' ? last.slot : last?.kind === 'handoff.confirm' || last?.kind === 'handoff.notSaved' ? 'confirm' : null;
      const reading = await reader.read(text, contextOf({ brand, awaiting, flow: 'handoff', now: NOW.toISOString() }));
      for (const { command, text: part } of reading.commands) {
        const slots = command.kind === 'fill' || command.kind === 'correct' ? { ...reading.slots, ...command.slots } : reading.slots;
        flow?.send({ type: 'user.said', command, slots, facts: reading.facts, text: part, at: NOW.toISOString() });
      }
    }
    const flow = router.getSnapshot().children.flow as AnyActorRef | undefined;
    if (flow?.getSnapshot().hasTag('busy')) await waitFor(flow, (s) => s.status !== 'active' || !s.hasTag('busy'));
    const activities = router.getSnapshot().context.replies.slice(before).map((reply) => renderHandoffReply(brand, reply, profileOf(brand)));
    const { ticket } = router.getSnapshot().context;
    const tickets = ticket !== null && !announced ? [ticket] : [];
    announced ||= ticket !== null;
    return { activities, snapshot: null, fallback: false, tickets };
  };
  const turns: ConversationTurns = { start: () => step(null), message: (_origin, text) => step(text) };
  const runner = createTurnRunner({ store, turns, logger: quietLogger, now: () => NOW });

  return async (text: string | null): Promise<Partial<Activity>[]> => {
    const shopper = { id: 'shopper-1', name: 'Shopper' };
    const activity: Partial<Activity> = {
      type: text === null ? ActivityTypes.ConversationUpdate : ActivityTypes.Message,
      ...(text === null ? { membersAdded: [shopper] } : { text }),
      channelId: 'test',
      conversation: { id: conversationId, isGroup: false, conversationType: '', name: '' },
      from: shopper,
      recipient: { id: 'clasp', name: 'Clasp' },
      serviceUrl: 'http://127.0.0.1:1',
    };
    return runner.run({ brand, client: 'test' }, activity);
  };
}

describe('handoff through the turn runner', () => {
  it('stores the ticket with the redacted transcript, writes the .eml, and announces it with handoff.initiate', async () => {
    const say = chat('james-avery-malls', { category: 'damaged', orderNumber: 'JAM-1001' });
    expect((await say(null))[0]?.text).toMatch(/What name should the team use/);
    expect((await say('Jane Doe'))[0]?.text).toMatch(/email address/);
    expect((await say('jane@example.com'))[0]?.text).toMatch(/In your own words/);
    const confirm = await say('The ring arrived bent. I paid with 4111 1111 1111 1111.');
    expect(confirm[0]?.text).toContain('• Your message: “The ring arrived bent. I paid with [card number removed].”');
    expect(JSON.stringify(confirm)).not.toContain('4111');

    const done = await say('yes');
    const message = done.find((activity) => activity.type === ActivityTypes.Message);
    const event = done.find((activity) => activity.type === ActivityTypes.Event);
    expect(message?.text).toMatch(/^Done: I've passed this to the James Avery Malls team\. Your reference is JAM-[0-9A-Z]{6}\./);

    const [stored] = await handoff.outbox.list();
    expect(stored?.ticket).toMatchObject({
      brand: 'james-avery-malls',
      subject: 'URGENT: Damaged delivery — order JAM-1001 — Jane Doe',
      to: 'support@jamesaverymalls.com',
      customer: { name: 'Jane Doe', email: 'jane@example.com' },
      conversation: { key: 'james-avery-malls/test/conversations/conv-1' },
    });
    expect(message?.text).toContain(stored?.ticket.reference);
    // Every turn before the confirming one, both sides, redacted.
    expect(stored?.ticket.transcript.map((line) => `${line.from}: ${line.text}`)).toEqual([
      expect.stringMatching(/^bot: I'll pass this to a person/),
      'shopper: Jane Doe',
      expect.stringMatching(/^bot: What email address/),
      'shopper: jane@example.com',
      expect.stringMatching(/^bot: In your own words/),
      'shopper: The ring arrived bent. I paid with [card number removed].',
      expect.stringMatching(/^bot: Here's what I'll send/),
    ]);
    expect(await readFile(join(dir.path, 'tickets', `${stored?.ticket.id}.json`), 'utf8')).not.toContain('4111');

    expect(event).toMatchObject({ type: 'event', name: 'handoff.initiate', value: { ticketId: stored?.ticket.id, urgent: true, skill: 'james-avery-malls' } });
    const transcript = event?.attachments?.[0];
    expect(transcript).toMatchObject({ contentType: 'application/json', name: 'Transcript' });
    expect((transcript?.content as { activities: Activity[] }).activities).toHaveLength(7);
    expect(JSON.stringify(event)).not.toContain('4111');

    await waitUntil(async () => (await handoff.outbox.state(stored?.ticket.id ?? '')).status === 'sent', 10_000, '.eml');
    const eml = await simpleParser(await readFile(join(dir.path, 'eml', `${stored?.ticket.id}.eml`)));
    expect(eml.subject).toBe('URGENT: Damaged delivery — order JAM-1001 — Jane Doe');
    expect(eml.text).toContain('Shopper: The ring arrived bent. I paid with [card number removed].');
  });

  it('tells the shopper plainly when the ticket could not be stored, and can try again', async () => {
    const say = chat('kendra-scott-mall', { category: 'missing_package', name: 'Jane Doe', email: 'jane@example.com', orderNumber: 'KS-100234', description: 'Never arrived' });
    expect((await say(null))[0]?.text).toMatch(/Here's what I'll send/);
    await rm(join(dir.path, 'tickets'), { recursive: true });
    await writeFile(join(dir.path, 'tickets'), 'not a directory');

    const failed = await say('yes');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.text).toMatch(/couldn't save your request, so it has not reached the team\. Shall I try again\? You can also reach Kendra Scott Mall by email at support@kendrascottmall\.com\./);
    expect(await handoff.outbox.list()).toEqual([]);

    await rm(join(dir.path, 'tickets'));
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir.path, 'tickets'));
    const retried = await say('yes');
    expect(retried.find((activity) => activity.type === ActivityTypes.Message)?.text).toMatch(/^Done: .*Your reference is KSM-/);
    expect(await handoff.outbox.list()).toHaveLength(1);
  });
});
