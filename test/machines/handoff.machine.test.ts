import { describe, expect, it } from 'vitest';
import { waitFor, type AnyActorRef } from 'xstate';

import type { BrandId } from '../../knowledge/brand-ids.js';
import type { HandoffCase } from '../../knowledge/handoff/handoff-case.types.js';
import { orderSchema, type Order } from '../../knowledge/orders/order.schema.js';
import { createTicket } from '../../bot/handoff/handoff-ticket.js';
import type { FlowEffects, SubmitHandoffResult } from '../../machines/flow-effects.js';
import type { FlowReprompt, UserSaid } from '../../machines/flow-events.js';
import { createHandoffMachine, type HandoffInput, type HandoffOutput, type HandoffReply, type HandoffSubmission } from '../../machines/handoff.machine.js';
import { KB, flowHarness, recordingDeps, shopper } from './flow-harness.js';

// Wednesday Dec 2 2026, noon ET: the team is working.
const NOW = '2026-12-02T17:00:00Z';

const deliveredOrder: Order = orderSchema.parse({
  brand: 'kendra-scott-mall',
  orderNumber: 'KS-100234',
  email: 'shopper@example.com',
  customerName: 'Sample Shopper',
  placedAt: '2026-11-20T15:04:00Z',
  status: 'delivered',
  shippedAt: '2026-11-23T18:00:00Z',
  deliveredAt: '2026-11-30T18:00:00Z',
  carrier: 'UPS',
  trackingNumber: '1Z999AA10123456784',
  items: [{ sku: 'CHN-22', name: 'Elisa Pendant Necklace', quantity: 1, unitPrice: 68, finalSale: false, personalized: false }],
});

const { fill, correct, skip, affirm, deny, unclear } = shopper(NOW);

const reprompt: FlowReprompt = { type: 'flow.reprompt', at: NOW };

type Submit = (submission: HandoffSubmission) => Promise<SubmitHandoffResult>;

/** Stores as the real submitter would (the ticket built from the submission), under `reference`. */
function storedAs(reference: string): Submit {
  return async (submission) => {
    const ticket = createTicket(submission, {
      now: new Date(NOW),
      transcript: [],
      conversationKey: null,
      profile: KB.profile(submission.brand),
      recipients: { supportInboxes: {}, escalationInboxes: {} },
      id: '20261202-ABCDEFGHJK',
    });
    return { outcome: 'stored', ticket: { ...ticket, reference } };
  };
}

const accept: Submit = storedAs('KSM-ABCDEF');

/** The handoff flow under a test router, its submissions answered by `submit` and recorded; order lookups answered by `verify`. */
function harness(submit: Submit = accept, verify?: FlowEffects['verifyOrder']) {
  const { deps, submissions, lookups } = recordingDeps({ submitHandoff: submit, ...(verify === undefined ? {} : { verifyOrder: verify }) });
  return { ...flowHarness<HandoffInput, HandoffReply, HandoffOutput>(createHandoffMachine(deps)), submissions, lookups };
}

/** The demo lookup: KS-100234 with its own email is verified; anything else is not. */
const lookup: FlowEffects['verifyOrder'] = async (input) =>
  input.orderNumber === 'KS-100234' && input.email === 'shopper@example.com' ? { outcome: 'verified', order: deliveredOrder } : { outcome: 'notMatched' };

type Harness = ReturnType<typeof harness>;
let current: Harness | undefined;

async function begin(h: Harness, handoffCase: HandoffCase, brand: BrandId = 'james-avery-malls', at = NOW) {
  current = h;
  return h.begin({ brand, at, case: handoffCase });
}

type ParentActor = Awaited<ReturnType<typeof begin>>;

function turn(actor: ParentActor, event: UserSaid | FlowReprompt): Promise<HandoffReply | undefined> {
  if (current === undefined) throw new Error('begin a flow first');
  return current.turn(actor, event);
}

function first(actor: ParentActor): HandoffReply | undefined {
  return actor.getSnapshot().context.replies[0];
}

function flow(actor: ParentActor): AnyActorRef | undefined {
  return actor.getSnapshot().children.flow as AnyActorRef | undefined;
}

async function toConfirm(h: Harness, handoffCase: HandoffCase = { category: 'person_requested' }, brand: BrandId = 'james-avery-malls') {
  const actor = await begin(h, handoffCase, brand);
  const steps: Array<[string, UserSaid]> = [
    ['name', fill({ name: 'Jane Doe' })],
    ['email', fill({ email: 'jane@example.com' })],
    ['orderNumber', skip('orderNumber')],
    ['description', fill({ description: 'I need advice on a gift for my sister' })],
  ];
  for (const [slot, event] of steps) {
    const last = actor.getSnapshot().context.replies.at(-1);
    if (last?.kind === 'handoff.ask' && last.slot === slot) await turn(actor, event);
  }
  return actor;
}

describe('handoff machine: collecting what is missing', () => {
  it('asks name, email, order number, description in turn, then shows the summary', async () => {
    const h = harness();
    const actor = await begin(h, { category: 'person_requested' });

    expect(first(actor)).toEqual({ kind: 'handoff.ask', slot: 'name', intro: { category: 'person_requested', escalation: null } });
    expect(await turn(actor, fill({ name: 'Jane Doe' }))).toEqual({ kind: 'handoff.ask', slot: 'email' });
    // "jane at example": no email in it.
    expect(await turn(actor, unclear())).toEqual({ kind: 'handoff.ask', slot: 'email', problem: 'notAnEmail' });
    expect(await turn(actor, fill({ email: 'jane@example.com' }))).toEqual({ kind: 'handoff.ask', slot: 'orderNumber' });
    expect(await turn(actor, unclear())).toEqual({ kind: 'handoff.ask', slot: 'orderNumber', problem: 'notAnOrderNumber' });
    expect(await turn(actor, skip('orderNumber'))).toEqual({ kind: 'handoff.ask', slot: 'description' });
    expect(await turn(actor, unclear({ text: 'ok' }))).toEqual({ kind: 'handoff.ask', slot: 'description', problem: 'tooShort' });
    expect(await turn(actor, fill({ description: 'I need advice on a gift for my sister' }))).toEqual({
      kind: 'handoff.confirm',
      summary: {
        name: 'Jane Doe',
        email: 'jane@example.com',
        orderNumber: null,
        orderVerified: false,
        description: 'I need advice on a gift for my sister',
        category: 'person_requested',
        urgent: false,
        urgentByPolicy: false,
        escalation: null,
      },
    });
    expect(h.submissions).toEqual([]);
  });

  it('re-asks for a name when the answer gives none', async () => {
    const h = harness();
    const actor = await begin(h, { category: 'person_requested' });
    expect(await turn(actor, unclear({ text: 'why do you need that?' }))).toEqual({ kind: 'handoff.ask', slot: 'name', problem: 'notAName' });
  });

  it('never asks again for what the conversation knows: a verified order gives name, email and number', async () => {
    const h = harness();
    const actor = await begin(h, { category: 'defective', verifiedOrder: deliveredOrder, description: 'The clasp broke the first day.' }, 'kendra-scott-mall');

    const reply = first(actor);
    expect(reply).toMatchObject({
      kind: 'handoff.confirm',
      intro: { category: 'defective', escalation: null },
      summary: {
        name: 'Sample Shopper',
        email: 'shopper@example.com',
        orderNumber: 'KS-100234',
        orderVerified: true,
        description: 'The clasp broke the first day.',
        // Delivered Nov 30, reported Dec 2: within kendra-scott-mall's 7-day window.
        urgent: true,
        urgentByPolicy: true,
      },
    });
    expect(actor.getSnapshot().context.replies).toHaveLength(1);
  });

  it('takes what happened, told where the optional order number was asked, as no number and the description', async () => {
    const h = harness();
    const actor = await begin(h, { category: 'person_requested', name: 'Jane Doe', email: 'jane@example.com' });
    expect(first(actor)).toMatchObject({ kind: 'handoff.ask', slot: 'orderNumber' });
    expect(await turn(actor, fill({ description: 'two stones fell out of the bracelet' }))).toMatchObject({
      kind: 'handoff.confirm',
      summary: { orderNumber: null, description: 'two stones fell out of the bracelet' },
    });
  });

  it('takes an order number given with the description', async () => {
    const h = harness();
    const actor = await begin(h, { category: 'damaged', name: 'Jane Doe', email: 'jane@example.com' });
    expect(first(actor)).toMatchObject({ kind: 'handoff.ask', slot: 'orderNumber' });
    expect(await turn(actor, fill({ orderNumber: 'JAM-1001' }))).toEqual({ kind: 'handoff.ask', slot: 'description' });
    const reply = await turn(actor, fill({ description: 'The ring arrived bent' }, { facts: { problem: 'damaged_on_arrival' } }));
    expect(reply).toMatchObject({ kind: 'handoff.confirm', summary: { orderNumber: 'JAM-1001', orderVerified: false, urgent: true, urgentByPolicy: true } });
  });

  it('asks again for the current slot after a digression', async () => {
    const h = harness();
    const actor = await begin(h, { category: 'person_requested', name: 'Jane Doe' });
    expect(first(actor)).toMatchObject({ kind: 'handoff.ask', slot: 'email' });
    expect(await turn(actor, reprompt)).toEqual({ kind: 'handoff.ask', slot: 'email' });
  });

  it('marks the free-text slots so the router forwards them instead of answering them', async () => {
    const h = harness();
    const actor = await begin(h, { category: 'person_requested', name: 'Jane Doe', email: 'jane@example.com', orderNumber: '1234' });
    expect(first(actor)).toMatchObject({ kind: 'handoff.ask', slot: 'description' });
    expect(flow(actor)?.getSnapshot().hasTag('freeText')).toBe(true);
  });

  it('keeps card numbers out of everything it stores, shows and submits', async () => {
    const h = harness();
    const actor = await toConfirm(h);
    await turn(actor, correct('description'));
    const words = 'I was charged twice on 4111 1111 1111 1111, cvv 123';
    const reply = await turn(actor, fill({ description: words }, { text: words }));
    expect(reply).toMatchObject({ kind: 'handoff.confirm', summary: { description: 'I was charged twice on [card number removed], cvv [removed]' } });
    expect(JSON.stringify(flow(actor)?.getSnapshot().context)).not.toContain('4111');
    await turn(actor, affirm());
    expect(JSON.stringify(h.submissions)).not.toContain('4111');
  });
});

describe('handoff machine: the summary and corrections', () => {
  it('re-asks the slot the shopper wants to change, then shows the summary again', async () => {
    const h = harness();
    const actor = await toConfirm(h);
    // "change my email"
    expect(await turn(actor, correct('email'))).toEqual({ kind: 'handoff.ask', slot: 'email', correcting: true });
    const reply = await turn(actor, fill({ email: 'jane.doe@example.org' }));
    expect(reply).toMatchObject({ kind: 'handoff.confirm', summary: { email: 'jane.doe@example.org', name: 'Jane Doe' } });

    // "the name is wrong"
    expect(await turn(actor, correct('name'))).toEqual({ kind: 'handoff.ask', slot: 'name', correcting: true });
    expect(await turn(actor, fill({ name: 'Janet Doe' }))).toMatchObject({ kind: 'handoff.confirm', summary: { name: 'Janet Doe' } });
  });

  it('applies a correction that carries its value at once', async () => {
    const h = harness();
    const actor = await toConfirm(h);
    // "the order number should be JAM-2002"
    expect(await turn(actor, correct('orderNumber', { orderNumber: 'JAM-2002' }))).toMatchObject({ kind: 'handoff.confirm', summary: { orderNumber: 'JAM-2002' } });
    // "my email is actually j@example.net"
    expect(await turn(actor, correct('email', { email: 'j@example.net' }))).toMatchObject({ kind: 'handoff.confirm', summary: { email: 'j@example.net' } });
  });

  it('removes the order number at the summary when the shopper says there is none', async () => {
    const h = harness();
    const actor = await toConfirm(h);
    await turn(actor, correct('orderNumber', { orderNumber: 'JAM-2002' }));
    // "remove the order number": the shopper gives no order number after all.
    expect(await turn(actor, skip('orderNumber'))).toMatchObject({ kind: 'handoff.confirm', summary: { orderNumber: null } });
  });

  it('a different order number drops the verified order (its facts are not the new order\'s)', async () => {
    const h = harness();
    const actor = await begin(h, { category: 'defective', verifiedOrder: deliveredOrder, description: 'Broken clasp' }, 'kendra-scott-mall');
    const reply = await turn(actor, correct('orderNumber', { orderNumber: 'KS-999999' }));
    expect(reply).toMatchObject({ kind: 'handoff.confirm', summary: { orderNumber: 'KS-999999', orderVerified: false } });
  });

  it('"no" asks what to change; a choice re-asks that slot', async () => {
    const h = harness();
    const actor = await toConfirm(h);
    expect(await turn(actor, deny())).toEqual({ kind: 'handoff.whatToChange' });
    expect(await turn(actor, unclear())).toEqual({ kind: 'handoff.whatToChange' });
    expect(await turn(actor, correct('description'))).toEqual({ kind: 'handoff.ask', slot: 'description', correcting: true });
    expect(await turn(actor, fill({ description: 'Actually I want to return a ring' }))).toMatchObject({
      kind: 'handoff.confirm',
      summary: { description: 'Actually I want to return a ring' },
    });
  });

  it('asks for a yes or a no when the answer is neither', async () => {
    const h = harness();
    const actor = await toConfirm(h);
    expect(await turn(actor, unclear({ text: 'what?' }))).toMatchObject({ kind: 'handoff.confirm', problem: 'notYesNo' });
    expect(await turn(actor, reprompt)).toMatchObject({ kind: 'handoff.confirm' });
  });
});

/** James Avery Malls' reply time, told on a Wednesday noon: the shopper and the ticket get the same. */
const TOLD = {
  zone: 'America/New_York',
  reply: {
    phrase: '24-48 business hours',
    source: { document: 'customer-service-policy', section: '2' },
    unit: 'business_hours',
    earliest: '2026-12-03',
    latest: '2026-12-04',
    latestAt: null,
  },
  offline: null,
};

describe('handoff machine: submitting', () => {
  it('submits on "yes", tagged busy meanwhile, and tells the reference and reply-by date', async () => {
    let release: () => void = () => undefined;
    const h = harness((submission) => new Promise((resolve) => (release = () => resolve(storedAs('JAM-ABCDEF')(submission)))));
    const actor = await toConfirm(h);

    actor.send(affirm());
    expect(flow(actor)?.getSnapshot().hasTag('busy')).toBe(true);
    release();
    const done = await waitFor(actor, (s) => s.context.output !== null);

    expect(h.submissions).toEqual([
      {
        brand: 'james-avery-malls',
        category: 'person_requested',
        urgency: { urgent: false, because: [], basis: null, word: 'URGENT', notes: [] },
        subject: 'Support request: Question for the team — Jane Doe',
        customer: { name: 'Jane Doe', email: 'jane@example.com' },
        orderNumber: null,
        verifiedOrder: null,
        returnVerdict: null,
        description: 'I need advice on a gift for my sister',
        shopperWrote: [],
        escalation: null,
        expectation: TOLD,
      },
    ]);
    expect(done.context.replies.at(-1)).toEqual({
      kind: 'handoff.submitted',
      reference: 'JAM-ABCDEF',
      email: 'jane@example.com',
      urgentByPolicy: false,
      escalation: null,
      expectation: TOLD,
    });
    expect(done.context.output).toEqual({ ticket: expect.objectContaining({ id: '20261202-ABCDEFGHJK', reference: 'JAM-ABCDEF', expectation: TOLD }) });
  });

  it('counts time from the confirming turn: late Friday evening, the team is offline until Monday', async () => {
    const h = harness();
    const actor = await toConfirm(h);
    const reply = await turn(actor, affirm({ at: '2026-11-21T03:30:00Z' }));
    expect(reply).toMatchObject({
      kind: 'handoff.submitted',
      expectation: { reply: { latest: '2026-11-24' }, offline: { reason: 'after_hours', backAt: '2026-11-23T09:00:00-05:00' } },
    });
  });

  it('flags the shopper\'s own "it\'s urgent" where the brand invites it, with its own word', async () => {
    const h = harness();
    const actor = await begin(h, { category: 'late_delivery', name: 'Jane Doe', email: 'jane@example.com', orderNumber: '3310492' }, 'james-avery-artisan');
    const words = "It's for a wedding on Saturday, it's urgent";
    const reply = await turn(actor, fill({ description: words }, { text: words, facts: { urgent: true } }));
    expect(reply).toMatchObject({ kind: 'handoff.confirm', summary: { urgent: true, urgentByPolicy: true } });
    await turn(actor, affirm());
    expect(h.submissions[0]?.subject).toBe('Urgent: Late delivery — order 3310492 — Jane Doe');
  });

  it('james-avery-artisan escalation: told of §6, and the ticket goes to its address with its subject', async () => {
    const h = harness();
    const actor = await begin(h, { category: 'escalation', name: 'Jane Doe', email: 'jane@example.com', orderNumber: '3310492' }, 'james-avery-artisan');
    expect(first(actor)).toMatchObject({ kind: 'handoff.ask', slot: 'description', intro: { category: 'escalation', escalation: { to: 'service@jameseavery.com' } } });
    const reply = await turn(actor, fill({ description: 'The replacement ring is also broken. This is the second time.' }));
    expect(reply).toMatchObject({
      kind: 'handoff.confirm',
      summary: { escalation: { to: 'service@jameseavery.com', subject: 'Escalation: The replacement ring is also broken' } },
    });
    const submitted = await turn(actor, affirm());
    expect(h.submissions[0]).toMatchObject({ subject: 'Escalation: The replacement ring is also broken', escalation: { to: 'service@jameseavery.com' } });
    expect(submitted).toMatchObject({ kind: 'handoff.submitted', escalation: { review: '1 business day', resolution: '2-3 business days' } });
  });

  it('when the ticket could not be stored: says so, offers to try again, and can succeed', async () => {
    let fail = true;
    const h = harness(async (submission) => {
      if (fail) throw new Error('disk full');
      return accept(submission);
    });
    const actor = await toConfirm(h);
    expect(await turn(actor, affirm())).toEqual({ kind: 'handoff.notSaved' });
    expect(await turn(actor, unclear({ text: 'maybe' }))).toEqual({ kind: 'handoff.notSaved', problem: 'notYesNo' });
    fail = false;
    // "try again"
    expect(await turn(actor, affirm())).toMatchObject({ kind: 'handoff.submitted', reference: 'KSM-ABCDEF' });
    expect(h.submissions).toHaveLength(2);
    expect(actor.getSnapshot().context.output).toMatchObject({ ticket: expect.objectContaining({ reference: 'KSM-ABCDEF' }) });
  });

  it('when the shopper gives up after a failure: nothing was sent, and the output says so', async () => {
    const h = harness(async () => {
      throw new Error('disk full');
    });
    const actor = await toConfirm(h);
    await turn(actor, affirm());
    expect(await turn(actor, deny())).toEqual({ kind: 'handoff.notSent' });
    const done = await waitFor(actor, (s) => s.context.output !== null);
    expect(done.context.output).toEqual({});
  });

  it('when this shopper sent too many lately: keeps the request, says when to confirm, and sends it then', async () => {
    let limited = true;
    const h = harness(async (submission) => (limited ? { outcome: 'rateLimited', retryAfterSeconds: 150 } : accept(submission)));
    const actor = await toConfirm(h);
    expect(await turn(actor, affirm())).toEqual({ kind: 'handoff.notSaved', problem: 'tooMany', retryAfterMinutes: 3 });
    limited = false;
    expect(await turn(actor, affirm())).toMatchObject({ kind: 'handoff.submitted', reference: 'KSM-ABCDEF' });
    expect(h.submissions).toHaveLength(2);
  });

  it('keeps its context plain JSON, so a waiting flow persists and restores', async () => {
    const h = harness();
    const actor = await toConfirm(h, { category: 'defective', verifiedOrder: deliveredOrder }, 'kendra-scott-mall');
    const persisted = actor.getPersistedSnapshot();
    expect(JSON.parse(JSON.stringify(persisted))).toEqual(persisted);

    const restored = await h.begin({ brand: 'kendra-scott-mall', at: NOW, case: { category: 'defective' } }, JSON.parse(JSON.stringify(persisted)));
    const reply = await turn(restored, affirm());
    expect(reply).toMatchObject({ kind: 'handoff.submitted' });
    expect(h.submissions[0]).toMatchObject({ brand: 'kendra-scott-mall', urgency: { urgent: true, because: ['defective'] } });
  });
});

describe('handoff machine: a ticket that cannot be lost', () => {
  it('verifies a number and the email given in the handoff, as tracking would, and takes the order\'s facts', async () => {
    const h = harness(accept, lookup);
    const actor = await begin(h, { category: 'person_requested' }, 'kendra-scott-mall');
    await turn(actor, fill({ name: 'Sam Shopper' }));
    await turn(actor, fill({ email: 'shopper@example.com' }));
    await turn(actor, fill({ orderNumber: 'KS-100234' }));
    const summary = await turn(actor, fill({ description: 'the clasp broke the first day' }, { text: 'the clasp broke the first day' }));
    expect(h.lookups).toEqual([{ brand: 'kendra-scott-mall', orderNumber: 'KS-100234', email: 'shopper@example.com' }]);
    // The name the shopper gave wins over the order's.
    expect(summary).toMatchObject({ kind: 'handoff.confirm', summary: { name: 'Sam Shopper', orderNumber: 'KS-100234', orderVerified: true } });
  });

  it('looks a pair up once; a number with someone else\'s email stays unverified', async () => {
    const h = harness(accept, lookup);
    const actor = await toConfirm(h, { category: 'person_requested', orderNumber: 'KS-100235', email: 'shopper@example.com' }, 'kendra-scott-mall');
    expect(actor.getSnapshot().context.replies.at(-1)).toMatchObject({ kind: 'handoff.confirm', summary: { orderVerified: false } });
    await turn(actor, reprompt);
    expect(h.lookups).toHaveLength(1);
  });

  it('takes the order\'s name when the shopper gave none', async () => {
    const h = harness(accept, lookup);
    const actor = await begin(h, { category: 'person_requested', orderNumber: 'KS-100234' }, 'kendra-scott-mall');
    await turn(actor, skip('name'));
    const reply = await turn(actor, fill({ email: 'shopper@example.com' }));
    expect(reply).toMatchObject({ kind: 'handoff.ask', slot: 'description' });
    const summary = await turn(actor, fill({ description: 'gift wrap please' }, { text: 'gift wrap please' }));
    expect(summary).toMatchObject({ summary: { name: 'Sample Shopper', orderVerified: true } });
  });

  it('keeps words for the team typed at the name prompt, and asks for the name once more only', async () => {
    const h = harness();
    const actor = await begin(h, { category: 'person_requested' });
    const problem = 'the chain snapped the first time i wore it';
    expect(await turn(actor, fill({ description: problem }, { text: problem, facts: { problem: 'defective' } }))).toEqual({ kind: 'handoff.ask', slot: 'name', updated: 'added' });
    // A second answer without a name: on with what it has, never the same question a third time.
    expect(await turn(actor, fill({ orderNumber: 'JAM-204813' }, { text: 'JAM-204813' }))).toEqual({ kind: 'handoff.ask', slot: 'email' });
    const summary = await turn(actor, fill({ email: 'pat@example.com' }, { text: 'pat@example.com' }));
    expect(summary).toMatchObject({ kind: 'handoff.confirm', summary: { name: 'Not given', orderNumber: 'JAM-204813', description: problem, category: 'defective' } });
  });

  it('moves on from the optional order number after two answers that give none', async () => {
    const h = harness();
    const actor = await begin(h, { category: 'person_requested', name: 'Ana Ruiz', email: 'ana@example.com' });
    expect(await turn(actor, unclear({ text: 'hmm hold on' }))).toEqual({ kind: 'handoff.ask', slot: 'orderNumber', problem: 'notAnOrderNumber' });
    expect(await turn(actor, unclear({ text: 'um let me look' }))).toEqual({ kind: 'handoff.ask', slot: 'description' });
  });

  it('an email inside the message is part of it: the reply-to address stays', async () => {
    const h = harness();
    const second = await begin(h, { category: 'person_requested', name: 'Noor Haddad', email: 'noor@example.com', noOrderNumber: true });
    const words = 'i changed my account email to noor.h@example.org and cant see my orders';
    const reply = await turn(second, fill({ description: words, email: 'noor.h@example.org' }, { text: words }));
    expect(reply).toMatchObject({ kind: 'handoff.confirm', summary: { email: 'noor@example.com', description: words } });
  });

  it('keeps every message the shopper typed since the handoff began, understood or not', async () => {
    const h = harness();
    const actor = await begin(h, { category: 'person_requested', shopperWrote: ['can i talk to someone'] });
    await turn(actor, unclear({ text: 'why do you need that?' }));
    await turn(actor, fill({ name: 'Jane Doe' }, { text: 'Jane Doe' }));
    await turn(actor, fill({ email: 'jane@example.com' }, { text: 'jane@example.com' }));
    await turn(actor, skip('orderNumber', { text: "don't have one" }));
    await turn(actor, fill({ description: 'gift advice' }, { text: 'gift advice' }));
    await turn(actor, affirm({ text: 'yes' }));
    expect(h.submissions[0]?.shopperWrote).toEqual(['can i talk to someone', 'why do you need that?', 'Jane Doe', 'jane@example.com', "don't have one", 'gift advice', 'yes']);
  });
});
