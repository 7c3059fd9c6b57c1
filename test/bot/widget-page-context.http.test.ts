import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoggedActivity } from '../../bot/directline/conversation-log.js';
import { composeHandoffEmail } from '../../bot/handoff/handoff-email.js';
import type { TicketWithPage } from '../../bot/handoff/handoff-ticket.js';
import { startWidgetServer, type RunningWidget } from '../support/widget-server.js';
import { activitiesPath, answered, botMessages, call, pollUntil, startConversation, type Started } from './directline/directline-client.js';

// The embed passes the store page the shopper is on with each message (channelData.page,
// docs/widget.md), so a handoff's ticket and email say where the shopper was.

let app: RunningWidget;
beforeAll(async () => {
  app = await startWidgetServer({ HANDOFFS_PER_CLIENT: '50' });
});
afterAll(async () => {
  await app?.close();
});

async function converse(started: Started, texts: string[], page: unknown): Promise<LoggedActivity[]> {
  let watermark: string | undefined;
  const all: LoggedActivity[] = [];
  for (const text of texts) {
    const posted = await call(app.url, 'POST', activitiesPath(started.conversationId), {
      token: started.token,
      body: { type: 'message', text, channelData: { clientActivityID: `c-${Math.random()}`, page } },
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    const read = await pollUntil(app.url, started, answered(posted.body.id), watermark);
    watermark = read.watermark;
    all.push(...read.activities);
  }
  return all;
}

const HANDOFF = ['I need a human please', 'Riley Santos', 'riley@example.com', 'KS-100233', 'can you add gift wrap to it', 'yes'];

async function ticketFor(reference: string): Promise<TicketWithPage> {
  const stored = await app.clasp.handoff.outbox.find(reference);
  if (stored === undefined) throw new Error(`no ticket ${reference}`);
  return stored.ticket as TicketWithPage;
}

const referenceIn = (activities: LoggedActivity[]) => /reference is (KSM-\w+)/.exec(botMessages(activities).map((a) => a.text).join('\n'))?.[1] ?? '';

describe('the page the shopper is on', () => {
  it('reaches the handoff ticket and its email as "Page: <title> <url>"', async () => {
    const started = await startConversation(app.url);
    const page = { url: 'https://shop.kendrascott.example/earrings/elle?color=gold', title: 'Elle Gold Drop Earrings | Kendra Scott' };
    const activities = await converse(started, HANDOFF, page);
    const ticket = await ticketFor(referenceIn(activities));
    expect(ticket.page).toEqual(page);
    const email = composeHandoffEmail(ticket, app.clasp.kb.profile('kendra-scott-mall'), 'Clasp <clasp@clasp.example>');
    expect(email.text).toMatch(/\nPage: +Elle Gold Drop Earrings \| Kendra Scott https:\/\/shop\.kendrascott\.example\/earrings\/elle\?color=gold\n/);
    expect(email.html).toContain('<th align="left" valign="top" style="padding:2px 12px 2px 0">Page</th>');
    // It goes to the bot with the turn, never into the history the page replays.
    const history = await call(app.url, 'GET', activitiesPath(started.conversationId), { token: started.token });
    expect(JSON.stringify(history.body)).not.toContain('shop.kendrascott.example');
  });

  it('is left out, and the message still answered, when it is no web page', async () => {
    for (const page of [{ url: 'javascript:alert(1)', title: 'x' }, { url: `https://shop.example/${'a'.repeat(3000)}`, title: 'long' }, 'https://shop.example/', { url: 'https://shop.example/', title: 'x', extra: 1 }]) {
      const started = await startConversation(app.url);
      const activities = await converse(started, HANDOFF, page);
      expect((await ticketFor(referenceIn(activities))).page, JSON.stringify(page).slice(0, 80)).toBeUndefined();
    }
  });

  it('has its title tidied and card numbers taken out, as everything a shopper sends', async () => {
    const started = await startConversation(app.url);
    const page = { url: 'https://shop.example/pay?card=4111111111111111', title: '  Checkout\n\n  4111 1111 1111 1111  ' };
    const ticket = await ticketFor(referenceIn(await converse(started, HANDOFF, page)));
    expect(ticket.page?.url).not.toContain('4111111111111111');
    expect(ticket.page?.title).not.toMatch(/4111/);
    expect(ticket.page?.title).toMatch(/^Checkout /);
  });
});
