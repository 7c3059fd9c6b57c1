import { describe, expect, it } from 'vitest';
import { waitFor, type AnyActorRef } from 'xstate';

import { emailsMatch, orderNumbersMatch } from '../../knowledge/orders/order-matching.js';
import { orderSchema, type Order } from '../../knowledge/orders/order.schema.js';
import type { VerifyOrderInput, VerifyOrderResult } from '../../machines/flow-effects.js';
import type { FlowReprompt, UserSaid } from '../../machines/flow-events.js';
import { createTrackingMachine, type TrackingInput, type TrackingOutput, type TrackingReply } from '../../machines/tracking.machine.js';
import type { VerifyReply } from '../../machines/verify-order.machine.js';
import { flowHarness, recordingDeps, shopper } from './flow-harness.js';

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

const { fill, correct, affirm, unclear } = shopper(NOW);
const orderNumber = (number: string) => fill({ orderNumber: number });
const email = (address: string, at?: string) => fill({ email: address }, at === undefined ? {} : { at });

const reprompt: FlowReprompt = { type: 'flow.reprompt', at: NOW };

type Reply = TrackingReply | VerifyReply;

/** The tracking flow under a test router, its lookups answered by `verify` and recorded. */
function harness(verify: (input: VerifyOrderInput) => Promise<VerifyOrderResult> = verifyAgainst) {
  const { deps, lookups } = recordingDeps({ verifyOrder: verify });
  return { ...flowHarness<TrackingInput, Reply, TrackingOutput>(createTrackingMachine(deps)), calls: lookups };
}

type Harness = ReturnType<typeof harness>;

function begin(h: Harness, input: Partial<TrackingInput> = {}) {
  return h.begin({ brand: 'kendra-scott-mall', at: NOW, ...input });
}

type ParentActor = Awaited<ReturnType<typeof begin>>;

const ask = (slot: 'orderNumber' | 'email', problem?: string) => ({ kind: 'verify.ask', purpose: 'tracking', slot, ...(problem ? { problem } : {}) });
const ended = (ending: object) => ({ kind: 'verify.ended', purpose: 'tracking', ending });

/** The verification sub-flow inside the tracking flow. */
function verification(actor: ParentActor): AnyActorRef | undefined {
  const flow = actor.getSnapshot().children.flow as AnyActorRef | undefined;
  return flow?.getSnapshot().children.verification as AnyActorRef | undefined;
}

describe('tracking machine: the happy paths', () => {
  it('asks for the order number, then the email, then reports the status', async () => {
    const h = harness();
    const actor = await begin(h);
    expect(actor.getSnapshot().context.replies).toEqual([ask('orderNumber')]);

    expect(await h.turn(actor, orderNumber('KS-100234'))).toEqual(ask('email'));
    const reply = await h.turn(actor, email('shopper@example.com'));

    expect(reply).toMatchObject({
      kind: 'tracking.status',
      orderNumber: 'KS-100234',
      status: { status: 'shipped', carrier: 'UPS', deliveryBetween: { earliest: '2026-12-06', latest: '2026-12-12' } },
    });
    expect(h.calls).toEqual([{ brand: 'kendra-scott-mall', orderNumber: 'KS-100234', email: 'shopper@example.com' }]);
    expect(actor.getSnapshot().status).toBe('done');
    expect(h.output(actor)).toEqual({ verifiedOrder: shippedOrder, offerHandoff: false, failedAttempts: 0 });
  });

  it('takes the order number from the first message and asks only for the email', async () => {
    const h = harness();
    const actor = await begin(h, { orderNumber: '#KS-100234' });
    expect(actor.getSnapshot().context.replies).toEqual([ask('email')]);

    const reply = await h.turn(actor, email('shopper@example.com'));

    expect(reply).toMatchObject({ kind: 'tracking.status', status: { status: 'shipped' } });
  });

  it('verifies at once when the first message gave both number and email', async () => {
    const h = harness();
    const actor = await begin(h, { orderNumber: 'KS-100234', email: 'shopper@example.com' });

    expect(actor.getSnapshot().context.replies).toEqual([expect.objectContaining({ kind: 'tracking.status' })]);
    expect(h.calls).toHaveLength(1);
  });

  it('uses the time of the verifying message for the dates: the same order is late a month later', async () => {
    const h = harness();
    const actor = await begin(h, { orderNumber: 'KS-100234' });

    const reply = await h.turn(actor, email('shopper@example.com', '2027-01-05T17:00:00Z'));

    expect(reply).toMatchObject({ kind: 'tracking.status', status: { status: 'late', late: true } });
    expect(h.output(actor)).toMatchObject({ offerHandoff: true, handoffReason: 'late' });
  });

  it('offers a person for a late order', async () => {
    const h = harness();
    const actor = await begin(h, { orderNumber: 'KS-100235' });

    const reply = await h.turn(actor, email('late@example.com'));

    expect(reply).toMatchObject({ kind: 'tracking.status', status: { status: 'late', deliveryBetween: { latest: '2026-11-22' } } });
    expect(h.output(actor)).toEqual({ verifiedOrder: lateOrder, offerHandoff: true, handoffReason: 'late', failedAttempts: 0 });
  });

  it('is tagged busy while the lookup runs', async () => {
    let release: (result: VerifyOrderResult) => void = () => undefined;
    const pending = new Promise<VerifyOrderResult>((resolve) => {
      release = resolve;
    });
    const h = harness(() => pending);
    const actor = await begin(h, { orderNumber: 'KS-100234' });

    actor.send(email('shopper@example.com'));

    expect(verification(actor)?.getSnapshot().hasTag('busy')).toBe(true);
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
    expect(h.output(actor)).toEqual({ verifiedOrder: shippedOrder, offerHandoff: false, failedAttempts: 0 });
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

    expect(await h.turn(actor, email('shopper@example.com'))).toEqual(ask('orderNumber', 'notMatched'));
    // Asked again for the number, the verified order's own number needs no email.
    expect(await h.turn(actor, orderNumber('KS-100234'))).toMatchObject({ kind: 'tracking.status', orderNumber: 'KS-100234' });
    expect(h.output(actor)).toEqual({ verifiedOrder: shippedOrder, offerHandoff: false, failedAttempts: 1 });
  });
});

describe('tracking machine: answers that do not fit the slot', () => {
  it('takes an email alone after a failed lookup as a correction: the same number is tried again with it', async () => {
    const h = harness();
    const actor = await begin(h);
    await h.turn(actor, orderNumber('KS-100234'));
    expect(await h.turn(actor, email('shoper@example.com'))).toEqual(ask('orderNumber', 'notMatched'));

    expect(await h.turn(actor, email('shopper@example.com'))).toMatchObject({ kind: 'tracking.status', orderNumber: 'KS-100234' });
    expect(h.calls).toEqual([
      { brand: 'kendra-scott-mall', orderNumber: 'KS-100234', email: 'shoper@example.com' },
      { brand: 'kendra-scott-mall', orderNumber: 'KS-100234', email: 'shopper@example.com' },
    ]);
    expect(h.output(actor)).toMatchObject({ failedAttempts: 1 });
  });

  it('keeps an email given instead of the number and asks for the number only', async () => {
    const h = harness();
    const actor = await begin(h);

    expect(await h.turn(actor, email('shopper@example.com'))).toEqual(ask('orderNumber', 'emailInsteadOfNumber'));
    const reply = await h.turn(actor, orderNumber('KS-100234'));

    expect(reply).toMatchObject({ kind: 'tracking.status' });
    expect(h.calls).toEqual([{ brand: 'kendra-scott-mall', orderNumber: 'KS-100234', email: 'shopper@example.com' }]);
  });

  it.each([
    ['nothing it can use ("asdf")', unclear({ text: 'asdf' })],
    ['a yes ("ok")', affirm({ text: 'ok' })],
    ['a value for another slot', fill({ name: 'Casey' })],
  ])('re-asks for the number with the format after %s', async (_, event) => {
    const h = harness();
    const actor = await begin(h);

    expect(await h.turn(actor, event)).toEqual(ask('orderNumber', 'notAnOrderNumber'));
    expect(verification(actor)?.getSnapshot().value).toBe('askingOrderNumber');
    expect(h.calls).toEqual([]);
  });

  it('re-asks for the email when the answer is not one', async () => {
    const h = harness();
    const actor = await begin(h, { orderNumber: 'KS-100234' });

    expect(await h.turn(actor, unclear({ text: 'the usual one' }))).toEqual(ask('email', 'notAnEmail'));
    expect(await h.turn(actor, email('shopper@example.com'))).toMatchObject({ kind: 'tracking.status' });
  });

  it('takes a corrected order number while asking for the email, and asks for the email again', async () => {
    const h = harness();
    const actor = await begin(h, { orderNumber: 'KS-999999' });

    // "sorry, it is KS-100235"
    expect(await h.turn(actor, correct('orderNumber', { orderNumber: 'KS-100235' }))).toEqual({ ...ask('email'), corrected: 'KS-100235' });
    await h.turn(actor, email('late@example.com'));

    expect(h.calls).toEqual([{ brand: 'kendra-scott-mall', orderNumber: 'KS-100235', email: 'late@example.com' }]);
  });

  it('asks again for the pending slot on a reprompt, keeping what it has', async () => {
    const h = harness();
    const actor = await begin(h);

    expect(await h.turn(actor, reprompt)).toEqual(ask('orderNumber'));
    await h.turn(actor, orderNumber('KS-100234'));
    expect(await h.turn(actor, reprompt)).toEqual(ask('email'));
    expect(await h.turn(actor, email('shopper@example.com'))).toMatchObject({ kind: 'tracking.status' });
    expect(h.calls).toHaveLength(1);
  });
});

describe('tracking machine: verification', () => {
  async function failOnce(input: Partial<TrackingInput>, number: string, address: string) {
    const h = harness();
    const actor = await begin(h, input);
    await h.turn(actor, orderNumber(number));
    await h.turn(actor, email(address));
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
    const h = harness(async () => ({ outcome: 'verified', order: lateOrder }));
    const actor = await begin(h, { orderNumber: 'KS-100234' });

    expect(await h.turn(actor, email('shopper@example.com'))).toEqual(ask('orderNumber', 'notMatched'));
    expect(actor.getSnapshot().context.replies.some((r) => r.kind === 'tracking.status')).toBe(false);
  });

  it('stops after 3 failed attempts and offers a person', async () => {
    const h = harness();
    const actor = await begin(h);

    for (let attempt = 1; attempt <= 2; attempt += 1) {
      expect(await h.turn(actor, orderNumber('KS-100234'))).toEqual(ask('email'));
      expect(await h.turn(actor, email(`wrong${attempt}@example.com`))).toEqual(ask('orderNumber', 'notMatched'));
    }
    await h.turn(actor, orderNumber('KS-100234'));
    const last = await h.turn(actor, email('wrong3@example.com'));

    expect(last).toEqual(ended({ kind: 'gaveUp' }));
    expect(h.calls).toHaveLength(3);
    expect(actor.getSnapshot().status).toBe('done');
    // The last number tried goes along to a handoff.
    expect(h.output(actor)).toEqual({ offerHandoff: true, handoffReason: 'gaveUp', ended: { kind: 'gaveUp', orderNumber: 'KS-100234' }, failedAttempts: 3 });
  });

  it('counts failures carried over from an earlier flow in the same conversation', async () => {
    const h = harness();
    const actor = await begin(h, { failedAttempts: 2, orderNumber: 'KS-100234' });

    expect(await h.turn(actor, email('wrong@example.com'))).toEqual(ended({ kind: 'gaveUp' }));

    const later = harness();
    const again = await begin(later, { failedAttempts: 3, orderNumber: 'KS-100234', email: 'shopper@example.com' });
    expect(again.getSnapshot().context.replies).toEqual([ended({ kind: 'gaveUp' })]);
  });

  it('ends politely when the per-client limiter says no', async () => {
    const h = harness(async () => ({ outcome: 'locked', retryAfterSeconds: 600 }));
    const actor = await begin(h, { orderNumber: 'KS-100234' });

    expect(await h.turn(actor, email('shopper@example.com'))).toEqual(ended({ kind: 'locked', retryAfterSeconds: 600 }));
    expect(actor.getSnapshot().status).toBe('done');
    expect(h.output(actor)).toEqual({ offerHandoff: true, handoffReason: 'locked', ended: { kind: 'locked', retryAfterSeconds: 600 }, failedAttempts: 0 });
  });

  it('says the lookup is unavailable when it fails, and ends', async () => {
    const h = harness(async () => Promise.reject(new Error('store API down')));
    const actor = await begin(h, { orderNumber: 'KS-100234' });

    expect(await h.turn(actor, email('shopper@example.com'))).toEqual(ended({ kind: 'unavailable' }));
    expect(actor.getSnapshot().status).toBe('done');
    expect(h.output(actor)).toEqual({ offerHandoff: true, handoffReason: 'unavailable', ended: { kind: 'unavailable' }, failedAttempts: 0 });
  });
});

describe('tracking machine: persistence', () => {
  /** One turn the way the bot runs it: restore from JSON, start, send, persist as JSON, stop. */
  async function turnFromJson(h: Harness, persisted: string, event: UserSaid | FlowReprompt) {
    const actor = await h.begin({ brand: 'kendra-scott-mall', at: NOW }, JSON.parse(persisted));
    const reply = await h.turn(actor, event);
    const after = JSON.stringify(actor.getPersistedSnapshot());
    const done = actor.getSnapshot().status === 'done';
    const output = h.output(actor);
    actor.stop();
    return { reply, persisted: after, done, output };
  }

  it('continues a flow restored from JSON mid-way, as a child of its parent', async () => {
    const h = harness();
    const first = await begin(h);
    let persisted = JSON.stringify(first.getPersistedSnapshot());
    first.stop();

    const second = await turnFromJson(h, persisted, email('shopper@example.com'));
    expect(second.reply).toEqual(ask('orderNumber', 'emailInsteadOfNumber'));
    persisted = second.persisted;

    const third = await turnFromJson(h, persisted, reprompt);
    expect(third.reply).toEqual(ask('orderNumber'));
    persisted = third.persisted;

    const fourth = await turnFromJson(h, persisted, orderNumber('KS-100234'));
    expect(fourth.reply).toMatchObject({ kind: 'tracking.status', status: { status: 'shipped' } });
    expect(fourth.done).toBe(true);
    expect(fourth.output).toEqual({ verifiedOrder: shippedOrder, offerHandoff: false, failedAttempts: 0 });
    expect(h.calls).toEqual([{ brand: 'kendra-scott-mall', orderNumber: 'KS-100234', email: 'shopper@example.com' }]);
  });

  it('keeps the failure count across restores', async () => {
    const h = harness();
    const first = await begin(h, { orderNumber: 'KS-100234' });
    let persisted = JSON.stringify(first.getPersistedSnapshot());
    first.stop();

    for (const [event, expected] of [
      [email('wrong1@example.com'), ask('orderNumber', 'notMatched')],
      [orderNumber('KS-100234'), ask('email')],
      [email('wrong2@example.com'), ask('orderNumber', 'notMatched')],
      [orderNumber('KS-100234'), ask('email')],
      [email('wrong3@example.com'), ended({ kind: 'gaveUp' })],
    ] as const) {
      const next = await turnFromJson(h, persisted, event);
      expect(next.reply).toEqual(expected);
      persisted = next.persisted;
    }
  });

  it('persists plain JSON context (no Date objects or class instances)', async () => {
    const h = harness();
    const actor = await begin(h, { orderNumber: 'KS-100234', verifiedOrder: lateOrder });
    const persisted = actor.getPersistedSnapshot();

    expect(JSON.parse(JSON.stringify(persisted))).toEqual(persisted);
    expect(verification(actor)?.getSnapshot().context).toMatchObject({ orderNumber: 'KS-100234', email: null, failedAttempts: 0, at: NOW });
  });
});
