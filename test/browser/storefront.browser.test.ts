import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWidgetServer, type RunningWidget } from '../support/widget-server.js';
import { browserTestsUnavailable, launchChromium } from './chromium.js';
import { botBubbles, cards, chatFrame, chatFrameOf, cspViolations, launcher, openChat, suggestedAction, transcript, type, watchCsp } from './storefront-page.js';

// The demo storefront as a shopper uses it: real headless Chromium, the embed tag's launcher and
// dialog (the same tag a store puts on its own site: embed.browser.test.ts), stock Web Chat in
// Clasp's frame, Clasp's Direct Line endpoint. Skipped only where Chromium or the Web Chat bundle
// is missing, and never in CI.
const unavailable = browserTestsUnavailable();
if (unavailable !== undefined && process.env.CI) {
  throw new Error(`Browser tests cannot run in CI: ${unavailable}`);
}
if (unavailable !== undefined) console.warn(`Skipping the browser tests: ${unavailable}`);

// A Friday afternoon in New York: every team is working, and the demo orders are dated from it.
const NOW = new Date('2026-11-20T19:00:00Z');
const BROWSER_TIMEOUT = 60_000;

describe.skipIf(unavailable !== undefined)('the storefront chat in Chromium', () => {
  let app: RunningWidget;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startWidgetServer({}, { now: () => NOW }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  describe('a shopper tracking an order', () => {
    let context: BrowserContext;
    let page: Page;
    let conversationId: string;
    let greetingsShown: number;
    beforeAll(async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      page = await context.newPage();
      await watchCsp(page);
    });
    afterAll(async () => {
      await context?.close();
    });

    it('opens the chat from the launcher and sees the greeting and the suggested actions before typing anything', async () => {
      await page.goto(`${app.url}/brands/kendra-scott-mall`);
      await launcher(page).waitFor({ timeout: 20_000 });
      const chat = await openChat(page);
      await expect.poll(() => transcript(chat).textContent(), { timeout: 20_000 }).toMatch(/Kendra Scott Mall.s support assistant/);
      await suggestedAction(chat, 'Track my order').waitFor();
      await suggestedAction(chat, 'Talk to a person').waitFor();
      expect(await cspViolations(page)).toEqual([]);
      expect(await cspViolations(chatFrameOf(page))).toEqual([]);
      // On Clasp's own page the frame is first-party: it keeps the conversation in its own storage.
      conversationId = await chatFrameOf(page).evaluate(() => JSON.parse(sessionStorage.getItem('clasp.chat.kendra-scott-mall') ?? '{}').conversationId as string);
      expect(conversationId).toEqual(expect.any(String));
    }, BROWSER_TIMEOUT);

    it('clicks "Track my order", gives the order number and email, and sees the tracking card', async () => {
      const chat = chatFrame(page);
      await suggestedAction(chat, 'Track my order').click();
      await expect.poll(() => transcript(chat).textContent()).toMatch(/need its order number/);
      await type(chat, 'KS-100234');
      await expect.poll(() => transcript(chat).textContent()).toMatch(/email address/i);
      await type(chat, 'shopper@example.com');
      const card = cards(chat).filter({ hasText: 'Order KS-100234 has shipped' });
      await card.waitFor({ timeout: 15_000 });
      expect(await card.textContent()).toContain('UPS');
      await card.getByRole('button', { name: 'Track package' }).waitFor();
      // Every message the shopper sent was acknowledged (no "Send failed" after the echo).
      expect(await transcript(chat).textContent()).not.toMatch(/send failed|retry/i);
      expect(await cspViolations(page)).toEqual([]);
      expect(await cspViolations(chatFrameOf(page))).toEqual([]);
      greetingsShown = (await transcript(chat).textContent())?.match(/support assistant/g)?.length ?? 0;
    }, BROWSER_TIMEOUT);

    it('still has the whole conversation after a reload', async () => {
      await page.reload();
      const chat = await openChat(page);
      await cards(chat).filter({ hasText: 'Order KS-100234 has shipped' }).waitFor({ timeout: 20_000 });
      const text = (await transcript(chat).textContent()) ?? '';
      expect(text).toContain('KS-100234');
      // The same history, once: the bot did not greet again.
      expect(text.match(/support assistant/g)?.length).toBe(greetingsShown);
      expect(await chatFrameOf(page).evaluate(() => document.documentElement.dataset.chat)).toBe('resumed');
      // The page keeps working after the reload: the bot answers the next message.
      const answered = await botBubbles(chat).count();
      await type(chat, 'track my order');
      await expect.poll(() => botBubbles(chat).count(), { timeout: 15_000 }).toBeGreaterThan(answered);
    }, BROWSER_TIMEOUT);

    it('cannot be read from a second browser context', async () => {
      const other = await browser.newContext();
      try {
        const stranger = await other.newPage();
        await stranger.goto(`${app.url}/brands/kendra-scott-mall`);
        await launcher(stranger).waitFor({ timeout: 20_000 });
        const chat = await openChat(stranger);
        await suggestedAction(chat, 'Track my order').waitFor({ timeout: 20_000 });
        expect(await transcript(chat).textContent()).not.toContain('KS-100234');
        // Even knowing the first conversation's id, its own token gets nothing.
        const statuses = await chatFrameOf(stranger).evaluate(async (id) => {
          const own = JSON.parse(sessionStorage.getItem('clasp.chat.kendra-scott-mall') ?? '{}') as { token: string; conversationId: string };
          const path = `/v3/directline/conversations/${encodeURIComponent(id)}/activities`;
          const withOwnToken = await fetch(path, { headers: { authorization: `Bearer ${own.token}` } });
          const withoutToken = await fetch(path);
          const posting = await fetch(path, {
            method: 'POST',
            headers: { authorization: `Bearer ${own.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ type: 'message', text: 'hi' }),
          });
          return { differs: own.conversationId !== id, read: withOwnToken.status, anonymous: withoutToken.status, post: posting.status };
        }, conversationId);
        expect(statuses).toEqual({ differs: true, read: 403, anonymous: 401, post: 403 });
      } finally {
        await other.close();
      }
    }, BROWSER_TIMEOUT);
  });

  it('works over polling too, for browsers that cannot open a WebSocket', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const sockets: string[] = [];
      page.on('websocket', (socket) => sockets.push(socket.url()));
      await page.goto(`${app.url}/brands/james-avery-malls?transport=polling`);
      const chat = await openChat(page);
      await suggestedAction(chat, 'Track my order').click();
      await expect.poll(() => transcript(chat).textContent(), { timeout: 20_000 }).toMatch(/need its order number/);
      expect(sockets).toEqual([]);
    } finally {
      await context.close();
    }
  }, BROWSER_TIMEOUT);
});
