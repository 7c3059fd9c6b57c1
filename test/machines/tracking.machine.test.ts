import { describe, expect, it } from 'vitest';
import { assign, createActor, fromPromise, sendTo, setup, waitFor, type Snapshot } from 'xstate';

import { emailsMatch, orderNumbersMatch } from '../../knowledge/orders/order-matching.js';
import { orderSchema, type Order } from '../../knowledge/orders/order.schema.js';
import type { Understanding } from '../../knowledge/understanding/understanding.types.js';
import type { FlowReplyEvent, FlowReprompt, UserSaid } from '../../machines/flow-events.js';
import {
  readEmail,
  readOrderNumber,
  trackingMachine,
  type TrackingInput,
  type TrackingOutput,
  type TrackingReply,
  type VerifyOrderInput,
  type VerifyOrderResult,
} from '../../machines/tracking.machine.js';

// Wednesday Dec 2 2026, noon ET.
const NOW = '2026-12-02T17:00:00Z';
const ITEMS = [{ sku: 'CHN-22', name: 'Elisa Pendant Necklace', quantity: 1, unitPrice: 68, finalSale: false, personalized: false }];

const shippedOrder: Order = orderSchema.parse({
  brand: 'kendra-scott-mall',
  orderNumber: 'KS-100234',
  email: 'shopper@example.com',
  placedAt: '2026-11-27T15:00:00Z',
  status: 'shipped',
  // Mon Nov 30: 6-12 calendar days → Dec 6 to Dec 12.
  shippedAt: '2026-11-30T18:00:00Z',
  carrier: 'UPS',
  trackingNumber: '1Z999AA10123456784',
  trackingUrl: 'https://tracking.example/1Z999AA10123456784',
  items: ITEMS,
});

const lateOrder: Order = orderSchema.parse({
  ...shippedOrder,
  orderNumber: 'KS-100235',
  email: 'late@example.com',
  shippedAt: '2026-11-10T18:00:00Z',
});

const otherBrandOrder: Order = orderSchema.parse({ ...shippedOrder, brand: 'generic-store', orderNumber: 'GS-331041' });

const ORDERS = [shippedOrder, lateOrder, otherBrandOrder];

/** The real rule in miniature: the brand's order by number, and only if the email matches. */
async function verifyAgainst({ brand, orderNumber, email }: VerifyOrderInput): Promise<VerifyOrderResult> {
  const order = ORDERS.find((candidate) => candidate.brand === brand && orderNumbersMatch(candidate.orderNumber, orderNumber));
  return order !== undefined && emailsMatch(order.email, email) ? { outcome: 'verified', order } : { outcome: 'notMatched' };
}

function understood(entities: Understanding['entities'] = {}): Understanding {
  return { topic: 'order.tracking', confidence: 0.9, ranked: [{ topic: 'order.tracking', confidence: 0.9 }], entities };
}

function said(text: string, entities: Understanding['entities'] = {}, at = NOW): UserSaid {
  return { type: 'user.said', text, understanding: understood(entities), at };
}

const reprompt: FlowReprompt = { type: 'flow.reprompt', at: NOW };

interface HarnessContext {
  input: TrackingInput;
  replies: TrackingReply[];
  output: TrackingOutput | null;
}

/** A tiny router: forwards the shopper's events to the tracking flow and collects its replies. */
function harness(verify: (input: VerifyOrderInput) => Promise<VerifyOrderResult> = verifyAgainst) {
  const calls: VerifyOrderInput[] = [];
  const tracking = trackingMachine.provide({
    actors: {
      verifyOrder: fromPromise<VerifyOrderResult, VerifyOrderInput>(async ({ input }) => {
        calls.push(input);
        return verify(input);
      }),
    },
  });
  const parent = setup({
    types: {
      context: {} as HarnessContext,
      events: {} as UserSaid | FlowReprompt | FlowReplyEvent<TrackingReply>,
      input: {} as TrackingInput,
      children: {} as { tracking: 'tracking' },
    },
    actors: { tracking },
  }).createMachine({
    id: 'testParent',
    context: ({ input }) => ({ input, replies: [], output: null }),
    on: { 'flow.reply': { actions: assign({ replies: ({ context, event }) => [...context.replies, event.reply] }) } },
    initial: 'tracking',
    states: {
      tracking: {
        invoke: {
          id: 'tracking',
          src: 'tracking',
          input: ({ context }) => context.input,
          onDone: { target: 'finished', actions: assign({ output: ({ event }) => event.output }) },
        },
        on: {
          'user.said': { actions: sendTo('tracking', ({ event }) => event) },
          'flow.reprompt': { actions: sendTo('tracking', ({ event }) => event) },
        },
      },
      finished: { type: 'final' },
    },
  });
  return { parent, calls };
}

type Harness = ReturnType<typeof harness>;

async function begin(h: Harness, input: Partial<TrackingInput> = {}) {
  const actor = createActor(h.parent, { input: { brand: 'kendra-scott-mall', at: NOW, ...input } });
  actor.start();
  await waitFor(actor, (snapshot) => snapshot.context.replies.length > 0);
  return actor;
}

type ParentActor = Awaited<ReturnType<typeof begin>>;

/** Sends one event and waits for the flow's one reply to it. */
async function turn(actor: ParentActor, event: UserSaid | FlowReprompt): Promise<TrackingReply | undefined> {
  const before = actor.getSnapshot().context.replies.length;
  actor.send(event);
  const snapshot = await waitFor(actor, (s) => s.context.replies.length > before);
  return snapshot.context.replies.at(-1);
}

function lastOutput(actor: ParentActor): TrackingOutput | null {
  return actor.getSnapshot().context.output;
}

const ask = (slot: 'orderNumber' | 'email', problem?: string) => ({ kind: 'tracking.ask', slot, ...(problem ? { problem } : {}) });

describe('tracking machine: the happy paths', () => {
  it('asks for the order number, then the email, then reports the status', async () => {
    const h = harness();
    const actor = await begin(h);
    expect(actor.getSnapshot().context.replies).toEqual([ask('orderNumber')]);

    expect(await turn(actor, said('where is order KS-100234', { orderNumber: 'KS100234' }))).toEqual(ask('email'));
    const reply = await turn(actor, said('shopper@example.com', { email: 'shopper@example.com' }));

    expect(reply).toMatchObject({
      kind: 'tracking.status',
      orderNumber: 'KS-100234',
      status: { status: 'shipped', carrier: 'UPS', deliveryBetween: { earliest: '2026-12-06', latest: '2026-12-12' } },
    });
    expect(h.calls).toEqual([{ brand: 'kendra-scott-mall', orderNumber: 'KS100234', email: 'shopper@example.com' }]);
    expect(actor.getSnapshot().status).toBe('done');
    expect(lastOutput(actor)).toEqual({ verifiedOrder: shippedOrder, offerHandoff: false, failedAttempts: 0 });
  });

  it('takes the order number from the first message and asks only for the email', async () => {
    const h = harness();
    const actor = await begin(h, { orderNumber: '#KS-100234' });
    expect(actor.getSnapshot().context.replies).toEqual([ask('email')]);

    const reply = await turn(actor, said('Shopper@Example.com', { email: 'shopper@example.com' }));

    expect(reply).toMatchObject({ kind: 'tracking.status', status: { status: 'shipped' } });
  });

  it('verifies at once when the first message gave both number and email', async () => {
    const h = harness();
    const actor = await begin(h, { orderNumber: 'KS-100234', email: 'shopper@example.com' });

    expect(actor.getSnapshot().context.replies).toEqual([expect.objectContaining({ kind: 'tracking.status' })]);
    expect(h.calls).toHaveLength(1);
  });

  it.each([
    ['3310492', 'a bare number'],
    ['#KS-100234', 'a number with # and a hyphen'],
    ['ks 100234', 'lower case with a space'],
  ])('reads the order number from the text itself when awaiting it: %s (%s)', async (text) => {
    const actor = await begin(harness());

    expect(await turn(actor, said(text))).toEqual(ask('email'));
  });

  it('reads a bare email from the text itself when awaiting it', async () => {
    const actor = await begin(harness(), { orderNumber: 'KS-100234' });

    expect(await turn(actor, said('  <Shopper@example.com>  '))).toMatchObject({ kind: 'tracking.status' });
  });

  it('uses the time of the verifying message for the dates: the same order is late a month later', async () => {
    const actor = await begin(harness(), { orderNumber: 'KS-100234' });

    const reply = await turn(actor, said('shopper@example.com', { email: 'shopper@example.com' }, '2027-01-05T17:00:00Z'));

    expect(reply).toMatchObject({ kind: 'tracking.status', status: { status: 'late', late: true } });
    expect(lastOutput(actor)).toMatchObject({ offerHandoff: true, handoffReason: 'late' });
  });

  it('offers a person for a late order', async () => {
    const actor = await begin(harness(), { orderNumber: 'KS-100235' });

    const reply = await turn(actor, said('late@example.com', { email: 'late@example.com' }));

    expect(reply).toMatchObject({ kind: 'tracking.status', status: { status: 'late', deliveryBetween: { latest: '2026-11-22' } } });
    expect(lastOutput(actor)).toEqual({ verifiedOrder: lateOrder, offerHandoff: true, handoffReason: 'late', failedAttempts: 0 });
  });

  it('is tagged busy while the lookup runs', async () => {
    let release: (result: VerifyOrderResult) => void = () => undefined;
    const pending = new Promise<VerifyOrderResult>((resolve) => {
      release = resolve;
    });
    const actor = await begin(harness(() => pending), { orderNumber: 'KS-100234' });

    actor.send(said('shopper@example.com', { email: 'shopper@example.com' }));

    expect(actor.getSnapshot().children.tracking?.getSnapshot().hasTag('busy')).toBe(true);
    release({ outcome: 'verified', order: shippedOrder });
    await waitFor(actor, (s) => s.status === 'done');
    expect(actor.getSnapshot().context.replies.at(-1)).toMatchObject({ kind: 'tracking.status' });
  });
});

describe('tracking machine: a verified order', () => {
  it('reports at once, without asking or looking up, when no number is requested', async () => {
    const h = harness();
    const actor = await begin(h, { verifiedOrder: shippedOrder });

    expect(actor.getSnapshot().context.replies).toEqual([expect.objectContaining({ kind: 'tracking.status', orderNumber: 'KS-100234' })]);
    expect(h.calls).toEqual([]);
    expect(lastOutput(actor)).toEqual({ verifiedOrder: shippedOrder, offerHandoff: false, failedAttempts: 0 });
  });

  it('reports at once when the requested number is the verified order’s, however typed', async () => {
    const h = harness();
    const actor = await begin(h, { verifiedOrder: shippedOrder, orderNumber: '#ks 100234' });

    expect(actor.getSnapshot().context.replies).toEqual([expect.objectContaining({ kind: 'tracking.status' })]);
    expect(h.calls).toEqual([]);
  });

  it('asks for the email of a different order, and keeps the verified one if that fails', async () => {
    const h = harness();
    const actor = await begin(h, { verifiedOrder: shippedOrder, orderNumber: 'KS-100235' });
    expect(actor.getSnapshot().context.replies).toEqual([ask('email')]);

    expect(await turn(actor, said('shopper@example.com', { email: 'shopper@example.com' }))).toEqual(ask('orderNumber', 'notMatched'));
    // Asked again for the number, the verified order's own number needs no email.
    expect(await turn(actor, said('KS-100234', { orderNumber: 'KS100234' }))).toMatchObject({ kind: 'tracking.status', orderNumber: 'KS-100234' });
    expect(lastOutput(actor)).toEqual({ verifiedOrder: shippedOrder, offerHandoff: false, failedAttempts: 1 });
  });
});

describe('tracking machine: answers that do not fit the slot', () => {
  it('keeps an email given instead of the number and asks for the number only', async () => {
    const h = harness();
    const actor = await begin(h);

    expect(await turn(actor, said('shopper@example.com', { email: 'shopper@example.com' }))).toEqual(ask('orderNumber', 'emailInsteadOfNumber'));
    const reply = await turn(actor, said('KS-100234', { orderNumber: 'KS100234' }));

    expect(reply).toMatchObject({ kind: 'tracking.status' });
    expect(h.calls).toEqual([{ brand: 'kendra-scott-mall', orderNumber: 'KS100234', email: 'shopper@example.com' }]);
  });

  it('treats a malformed email in place of the number as an email too', async () => {
    const actor = await begin(harness());

    expect(await turn(actor, said('shopper@example'))).toEqual(ask('orderNumber', 'emailInsteadOfNumber'));
    expect(await turn(actor, said('KS-100234'))).toEqual(ask('email'));
  });

  it.each(['asdf', 'I dunno', 'ok', '12'])('re-asks for the number with the format after gibberish: %j', async (text) => {
    const h = harness();
    const actor = await begin(h);

    expect(await turn(actor, said(text))).toEqual(ask('orderNumber', 'notAnOrderNumber'));
    expect(actor.getSnapshot().children.tracking?.getSnapshot().value).toBe('askingOrderNumber');
    expect(h.calls).toEqual([]);
  });

  it('re-asks for the email when the answer is not one', async () => {
    const actor = await begin(harness(), { orderNumber: 'KS-100234' });

    expect(await turn(actor, said('the usual one'))).toEqual(ask('email', 'notAnEmail'));
    expect(await turn(actor, said('shopper@example.com'))).toMatchObject({ kind: 'tracking.status' });
  });

  it('takes a corrected order number while asking for the email, and asks for the email again', async () => {
    const h = harness();
    const actor = await begin(h, { orderNumber: 'KS-999999' });

    expect(await turn(actor, said('sorry, it is KS-100235', { orderNumber: 'KS100235' }))).toEqual(ask('email'));
    await turn(actor, said('late@example.com'));

    expect(h.calls).toEqual([{ brand: 'kendra-scott-mall', orderNumber: 'KS100235', email: 'late@example.com' }]);
  });

  it('asks again for the pending slot on a reprompt, keeping what it has', async () => {
    const h = harness();
    const actor = await begin(h);

    expect(await turn(actor, reprompt)).toEqual(ask('orderNumber'));
    await turn(actor, said('KS-100234'));
    expect(await turn(actor, reprompt)).toEqual(ask('email'));
    expect(await turn(actor, said('shopper@example.com'))).toMatchObject({ kind: 'tracking.status' });
    expect(h.calls).toHaveLength(1);
  });
});

describe('tracking machine: verification', () => {
  async function failOnce(input: Partial<TrackingInput>, orderNumber: string, email: string) {
    const actor = await begin(harness(), input);
    await turn(actor, said(orderNumber));
    await turn(actor, said(email));
    return actor.getSnapshot().context.replies;
  }

  it('gives an unknown order and a wrong email exactly the same reply', async () => {
    const unknownOrder = await failOnce({}, 'KS-555555', 'shopper@example.com');
    const wrongEmail = await failOnce({}, 'KS-100234', 'someone.else@example.com');

    expect(wrongEmail).toEqual(unknownOrder);
    expect(wrongEmail.at(-1)).toEqual(ask('orderNumber', 'notMatched'));
  });

  it('never finds another brand’s order', async () => {
    const crossBrand = await failOnce({}, 'GS-331041', 'shopper@example.com');

    expect(crossBrand.at(-1)).toEqual(ask('orderNumber', 'notMatched'));
  });

  it('does not trust a lookup that returns an order other than the one asked for', async () => {
    const actor = await begin(harness(async () => ({ outcome: 'verified', order: lateOrder })), { orderNumber: 'KS-100234' });

    expect(await turn(actor, said('shopper@example.com'))).toEqual(ask('orderNumber', 'notMatched'));
    expect(actor.getSnapshot().context.replies.some((r) => r.kind === 'tracking.status')).toBe(false);
  });

  it('stops after 3 failed attempts and offers a person', async () => {
    const h = harness();
    const actor = await begin(h);

    for (let attempt = 1; attempt <= 2; attempt += 1) {
      expect(await turn(actor, said('KS-100234'))).toEqual(ask('email'));
      expect(await turn(actor, said(`wrong${attempt}@example.com`))).toEqual(ask('orderNumber', 'notMatched'));
    }
    await turn(actor, said('KS-100234'));
    const last = await turn(actor, said('wrong3@example.com'));

    expect(last).toEqual({ kind: 'tracking.gaveUp' });
    expect(h.calls).toHaveLength(3);
    expect(actor.getSnapshot().status).toBe('done');
    expect(lastOutput(actor)).toEqual({ offerHandoff: true, handoffReason: 'gaveUp', failedAttempts: 3 });
  });

  it('counts failures carried over from an earlier flow in the same conversation', async () => {
    const h = harness();
    const actor = await begin(h, { failedAttempts: 2, orderNumber: 'KS-100234' });

    expect(await turn(actor, said('wrong@example.com'))).toEqual({ kind: 'tracking.gaveUp' });

    const again = await begin(harness(), { failedAttempts: 3, orderNumber: 'KS-100234', email: 'shopper@example.com' });
    expect(again.getSnapshot().context.replies).toEqual([{ kind: 'tracking.gaveUp' }]);
  });

  it('ends politely when the per-client limiter says no', async () => {
    const actor = await begin(harness(async () => ({ outcome: 'locked', retryAfterSeconds: 600 })), { orderNumber: 'KS-100234' });

    expect(await turn(actor, said('shopper@example.com'))).toEqual({ kind: 'tracking.locked', retryAfterSeconds: 600 });
    expect(actor.getSnapshot().status).toBe('done');
    expect(lastOutput(actor)).toEqual({ offerHandoff: true, handoffReason: 'locked', failedAttempts: 0 });
  });

  it('says the lookup is unavailable when it fails, and ends', async () => {
    const actor = await begin(harness(async () => Promise.reject(new Error('store API down'))), { orderNumber: 'KS-100234' });

    expect(await turn(actor, said('shopper@example.com'))).toEqual({ kind: 'tracking.unavailable' });
    expect(actor.getSnapshot().status).toBe('done');
    expect(lastOutput(actor)).toEqual({ offerHandoff: true, handoffReason: 'unavailable', failedAttempts: 0 });
  });
});

describe('tracking machine: persistence', () => {
  /** One turn the way the bot runs it: restore from JSON, start, send, persist as JSON, stop. */
  async function turnFromJson(h: Harness, persisted: string, event: UserSaid | FlowReprompt) {
    const actor = createActor(h.parent, {
      snapshot: JSON.parse(persisted) as Snapshot<unknown>,
      input: { brand: 'kendra-scott-mall', at: NOW },
    });
    actor.start();
    const reply = await turn(actor, event);
    const after = JSON.stringify(actor.getPersistedSnapshot());
    const done = actor.getSnapshot().status === 'done';
    const output = lastOutput(actor);
    actor.stop();
    return { reply, persisted: after, done, output };
  }

  it('continues a flow restored from JSON mid-way, as a child of its parent', async () => {
    const h = harness();
    const first = await begin(h);
    let persisted = JSON.stringify(first.getPersistedSnapshot());
    first.stop();

    const second = await turnFromJson(h, persisted, said('shopper@example.com'));
    expect(second.reply).toEqual(ask('orderNumber', 'emailInsteadOfNumber'));
    persisted = second.persisted;

    const third = await turnFromJson(h, persisted, reprompt);
    expect(third.reply).toEqual(ask('orderNumber'));
    persisted = third.persisted;

    const fourth = await turnFromJson(h, persisted, said('#KS-100234'));
    expect(fourth.reply).toMatchObject({ kind: 'tracking.status', status: { status: 'shipped' } });
    expect(fourth.done).toBe(true);
    expect(fourth.output).toEqual({ verifiedOrder: shippedOrder, offerHandoff: false, failedAttempts: 0 });
    expect(h.calls).toEqual([{ brand: 'kendra-scott-mall', orderNumber: 'KS100234', email: 'shopper@example.com' }]);
  });

  it('keeps the failure count across restores', async () => {
    const h = harness();
    const first = await begin(h, { orderNumber: 'KS-100234' });
    let persisted = JSON.stringify(first.getPersistedSnapshot());
    first.stop();

    for (const [event, expected] of [
      [said('wrong1@example.com'), ask('orderNumber', 'notMatched')],
      [said('KS-100234'), ask('email')],
      [said('wrong2@example.com'), ask('orderNumber', 'notMatched')],
      [said('KS-100234'), ask('email')],
      [said('wrong3@example.com'), { kind: 'tracking.gaveUp' }],
    ] as const) {
      const next = await turnFromJson(h, persisted, event);
      expect(next.reply).toEqual(expected);
      persisted = next.persisted;
    }
  });

  it('persists plain JSON context (no Date objects or class instances)', async () => {
    const actor = await begin(harness(), { orderNumber: 'KS-100234', verifiedOrder: lateOrder });
    const tracking = actor.getSnapshot().children.tracking;

    const persisted = tracking?.getPersistedSnapshot();

    expect(JSON.parse(JSON.stringify(persisted))).toEqual(persisted);
    expect(tracking?.getSnapshot().context).toMatchObject({ orderNumber: 'KS100234', email: null, failedAttempts: 0, at: NOW });
  });
});

describe('slot readers', () => {
  it.each([
    ['3310492', '3310492'],
    ['#KS-100234', 'KS100234'],
    [' ks 100234 ', 'KS100234'],
    ['asdf', undefined],
    ['12', undefined],
    ['shopper@example.com', undefined],
    ['my order is late', undefined],
  ])('readOrderNumber(%j) = %j', (text, expected) => {
    expect(readOrderNumber(text)).toBe(expected);
  });

  it.each([
    ['Shopper@Example.com', 'shopper@example.com'],
    ['<shopper@example.com>', 'shopper@example.com'],
    ['shopper@example.com.', 'shopper@example.com'],
    ['shopper@example', undefined],
    ['my email is shopper@example.com', undefined],
    ['KS-100234', undefined],
  ])('readEmail(%j) = %j', (text, expected) => {
    expect(readEmail(text)).toBe(expected);
  });
});
