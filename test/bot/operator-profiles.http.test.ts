// An operator's own brand settings (what the documents leave unstated) reach every flow: the
// profiles are checked once at start-up and the flows read them from there, never the shipped
// defaults behind the operator's back.
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrandProfileInput } from '../../knowledge/brands/index.js';
import { newConversationId, say, startClasp, type RunningClasp } from '../support/clasp-server.js';
import { BRAND_PROFILES } from '../support/brands.js';

const NOW = new Date('2026-12-02T17:00:00Z');

const artisan = BRAND_PROFILES['james-avery-artisan'];
const generic = BRAND_PROFILES['generic-store'];
const note = 'Set by the operator in this test.';

/** James Avery Artisan with processing and delivery times set; Generic Store treating damaged deliveries as urgent. */
const OPERATOR_PROFILES = {
  ...BRAND_PROFILES,
  'james-avery-artisan': {
    ...artisan,
    timelines: {
      ...artisan.timelines,
      processing: { operatorSetting: true, value: { min: 1, max: 2, unit: 'business_days' }, note },
      delivery: { operatorSetting: true, value: { min: 3, max: 5, unit: 'business_days' }, note },
    },
  },
  'generic-store': { ...generic, urgency: { ...generic.urgency, cases: { operatorSetting: true, value: ['damaged'], note } } },
} as Record<keyof typeof BRAND_PROFILES, BrandProfileInput>;

let shipped: RunningClasp;
let operated: RunningClasp;
beforeAll(async () => {
  [shipped, operated] = await Promise.all([
    startClasp({ HANDOFFS_PER_CLIENT: '100' }, { now: () => NOW }),
    startClasp({ HANDOFFS_PER_CLIENT: '100' }, { now: () => NOW, profiles: OPERATOR_PROFILES }),
  ]);
});
afterAll(async () => {
  await Promise.all([shipped.close(), operated.close()]);
});

async function conversation(app: RunningClasp, brand: string, lines: string[]): Promise<Activity[]> {
  const id = newConversationId();
  let last: Activity[] = [];
  for (const line of lines) last = await say(app.url, brand, id, line);
  return last;
}

describe("an operator's brand settings", () => {
  it('reach the tracking flow: a delivery estimate where the documents state none', async () => {
    const lines = ['where is my order', 'JAA-530121', 'jordan@example.com'];
    const before = (await conversation(shipped, 'james-avery-artisan', lines))[0]?.text ?? '';
    const after = (await conversation(operated, 'james-avery-artisan', lines))[0]?.text ?? '';

    expect(before).toMatch(/doesn't state a delivery time/);
    expect(after).toMatch(/Expected delivery: between .* an estimate from the store's usual delivery time of 3-5 business days \(a store setting rather than a stated policy\)/);
  });

  it('reach the handoff flow: the urgent cases the operator set flag the ticket', async () => {
    const lines = ['my ring arrived broken', 'talk to a person', 'Jane Doe', 'jane@example.com', "I don't have one", 'yes'];
    const flags = [];
    for (const app of [shipped, operated]) {
      const done = (await conversation(app, 'generic-store', lines))[0]?.text ?? '';
      const reference = /Your reference is ([A-Z]+-[0-9A-Z]{6})/.exec(done)?.[1];
      const ticket = (await app.clasp.handoff.outbox.list()).find((entry) => entry.ticket.reference === reference)?.ticket;
      flags.push(ticket?.urgency);
    }

    expect(flags[0]).toMatchObject({ urgent: false });
    expect(flags[1]).toMatchObject({ urgent: true, because: ['damaged'], basis: { kind: 'operator' } });
  });
});
