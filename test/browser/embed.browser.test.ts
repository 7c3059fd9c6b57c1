import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketWithPage } from '../../bot/handoff/handoff-ticket.js';
import { composeHandoffEmail } from '../../bot/handoff/handoff-email.js';
import { BRAND_PROFILES } from '../support/brands.js';
import { startWidgetServer, type RunningWidget } from '../support/widget-server.js';
import { browserTestsUnavailable, launchChromium } from './chromium.js';
import { SHOP_PAGES, startShopSite, type ShopSite } from './shop-site.js';
import {
  botBubbles,
  cards,
  chatDialog,
  chatFrame,
  chatFrameOf,
  cspViolations,
  launcher,
  openChat,
  suggestedAction,
  transcript,
  type,
  unreadBadge,
  watchCsp,
} from './storefront-page.js';

// The one embed tag on a store's own site, on another origin than Clasp's (docs/widget.md): real
// headless Chromium, the launcher and dialog the tag adds, stock Web Chat in Clasp's frame.
// Skipped only where Chromium or the Web Chat bundle is missing, and never in CI.
const unavailable = browserTestsUnavailable();
if (unavailable !== undefined && process.env.CI) {
  throw new Error(`Browser tests cannot run in CI: ${unavailable}`);
}
if (unavailable !== undefined) console.warn(`Skipping the embed browser tests: ${unavailable}`);

// A Friday afternoon in New York: every team is working, and the demo orders are dated from it.
const NOW = new Date('2026-11-20T19:00:00Z');
const BROWSER_TIMEOUT = 60_000;
const BRAND = 'kendra-scott-mall';
const LABEL = 'Chat with Kendra Scott Mall';
const ACCENT = 'rgb(140, 59, 90)'; // #8c3b5a, the brand's theme.accent

const isTokenRequest = (request: Request) => /^\/api\/brands\/[^/]+\/token$/.test(new URL(request.url()).pathname);

/** Where focus is, seen from the host page: in the chat's element (launcher or frame), or elsewhere. */
function focusOnPage(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (active?.tagName !== 'CLASP-CHAT') return `page:${active?.tagName ?? 'none'}`;
    const inner = active.shadowRoot?.activeElement;
    return inner?.tagName === 'IFRAME' ? 'frame' : inner?.classList.contains('launcher') ? 'launcher' : `chat:${inner?.tagName ?? 'none'}`;
  });
}

/**
 * The conversation the chat keeps for this tab: in the frame's own sessionStorage, or where the
 * browser refuses the frame storage (a Playwright context is like an incognito window, which
 * blocks third-party storage) in the page's, under the same namespaced key.
 */
async function keptSession(page: Page): Promise<{ conversationId: string; token: string; where: 'frame' | 'page' }> {
  const read = (brand: string) => {
    try {
      const saved = sessionStorage.getItem(`clasp.chat.${brand}`);
      return saved === null ? null : (JSON.parse(saved) as { conversationId: string; token: string });
    } catch {
      return null;
    }
  };
  const inFrame = await chatFrameOf(page).evaluate(read, BRAND);
  if (inFrame !== null) return { ...inFrame, where: 'frame' };
  const inPage = await page.evaluate(read, BRAND);
  if (inPage === null) throw new Error('no conversation kept in the frame or the page');
  return { ...inPage, where: 'page' };
}

function focusInFrame(page: Page): Promise<string | null> {
  return chatFrameOf(page).evaluate(() => document.activeElement?.getAttribute('data-id') ?? document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName ?? null);
}

describe.skipIf(unavailable !== undefined)('the embed tag on a store’s own site, in Chromium', () => {
  let app: RunningWidget;
  let browser: Browser;
  let shop: ShopSite;
  let stranger: ShopSite;
  beforeAll(async () => {
    let claspUrl = '';
    // The store's site, and a site the store does not list: another port, so another origin.
    [shop, stranger] = await Promise.all([
      startShopSite({ brand: BRAND, claspUrl: () => claspUrl }),
      startShopSite({ brand: BRAND, claspUrl: () => claspUrl }),
    ]);
    const profile = BRAND_PROFILES[BRAND];
    const profiles = { ...BRAND_PROFILES, [BRAND]: { ...profile, allowedOrigins: { operatorSetting: true as const, value: [shop.url], note: 'The store’s own site (test).' } } };
    [app, browser] = await Promise.all([startWidgetServer({}, { now: () => NOW, profiles }), launchChromium()]);
    claspUrl = app.url;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await Promise.all([shop?.close(), stranger?.close()]);
  });

  describe('a shopper on the store’s site', () => {
    let context: BrowserContext;
    let page: Page;
    const tokenRequests: string[] = [];
    let greetingsShown = 0;
    beforeAll(async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      context.on('request', (request) => {
        if (isTokenRequest(request)) tokenRequests.push(request.url());
      });
      page = await context.newPage();
      await watchCsp(page);
    });
    afterAll(async () => {
      await context?.close();
    });

    it('sees a launcher in the store’s colour, and the page gains nothing but the chat’s own element', async () => {
      await page.goto(`${shop.url}/`);
      await launcher(page).waitFor({ timeout: 20_000 });
      expect(await launcher(page).getAttribute('aria-label')).toBe(LABEL);
      expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');
      // The page's own `button { background: … !important }` does not reach it.
      expect(await launcher(page).evaluate((node) => getComputedStyle(node).backgroundColor)).toBe(ACCENT);
      expect(await chatDialog(page).isVisible()).toBe(false);
      const page_ = await page.evaluate(() => ({
        body: [...document.body.children].map((node) => (node.id ? `${node.tagName}#${node.id}` : node.tagName)),
        head: document.head.children.length,
        webChat: typeof (window as unknown as { WebChat?: unknown }).WebChat,
      }));
      expect(page_).toEqual({ body: ['HEADER', 'MAIN', 'SCRIPT', `CLASP-CHAT#clasp-chat-${BRAND}`], head: 4, webChat: 'undefined' });
      // Looking at a page starts no conversation.
      expect(tokenRequests).toEqual([]);
    }, BROWSER_TIMEOUT);

    it('opens a labelled modal dialog with focus in the chat, and tracks an order', async () => {
      const frame = await openChat(page);
      await expect.poll(() => focusInFrame(page)).toBe('webchat-sendbox-input');
      expect(await focusOnPage(page)).toBe('frame');
      expect(await chatDialog(page).getAttribute('aria-modal')).toBe('true');
      expect(await chatDialog(page).getAttribute('aria-label')).toBe(LABEL);
      expect(await launcher(page).getAttribute('aria-expanded')).toBe('true');
      // A corner panel on a desktop.
      const box = await chatDialog(page).boundingBox();
      expect(box).toMatchObject({ width: 380 });
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeGreaterThan(1200);

      await expect.poll(() => transcript(frame).textContent(), { timeout: 20_000 }).toMatch(/Kendra Scott Mall.s support assistant/);
      await suggestedAction(frame, 'Track my order').click();
      await expect.poll(() => transcript(frame).textContent()).toMatch(/need its order number/);
      await type(frame, 'KS-100234');
      await expect.poll(() => transcript(frame).textContent()).toMatch(/email address/i);
      await type(frame, 'shopper@example.com');
      await cards(frame).filter({ hasText: 'Order KS-100234 has shipped' }).waitFor({ timeout: 15_000 });
      expect(await transcript(frame).textContent()).not.toMatch(/send failed|retry/i);
      expect(tokenRequests).toHaveLength(1);
      expect(await cspViolations(page)).toEqual([]);
      expect(await cspViolations(chatFrameOf(page))).toEqual([]);
      greetingsShown = (await transcript(frame).textContent())?.match(/support assistant/g)?.length ?? 0;
    }, BROWSER_TIMEOUT);

    it('starts a handoff, and the team’s email names the page the shopper was on', async () => {
      const frame = chatFrame(page);
      let answered = await botBubbles(frame).count();
      await type(frame, 'can I talk to a person');
      await expect.poll(() => botBubbles(frame).count(), { timeout: 15_000 }).toBeGreaterThan(answered);
      answered = await botBubbles(frame).count();
      await type(frame, 'please tell me when my earrings will arrive');
      await expect.poll(() => transcript(frame).textContent(), { timeout: 15_000 }).toMatch(/KS-100234/);
      await expect.poll(() => botBubbles(frame).count(), { timeout: 15_000 }).toBeGreaterThan(answered);
      await type(frame, 'yes');
      await expect.poll(() => transcript(frame).textContent(), { timeout: 15_000 }).toMatch(/reference is KSM-/i);

      const [stored] = await app.clasp.handoff.outbox.list({ brand: BRAND });
      const ticket = stored?.ticket as TicketWithPage | undefined;
      expect(ticket?.page).toEqual({ url: `${shop.url}/`, title: SHOP_PAGES['/'] });
      const email = composeHandoffEmail(ticket!, app.clasp.kb.profile(BRAND), 'Clasp <clasp@clasp.example>');
      expect(email.text).toMatch(new RegExp(`\\nPage: +Statement earrings \\| Sample Shop ${shop.url}/\\n`));
    }, BROWSER_TIMEOUT);

    it('keeps the conversation on the site’s next page', async () => {
      await page.goto(`${shop.url}/checkout`);
      const frame = await openChat(page);
      await cards(frame).filter({ hasText: 'Order KS-100234 has shipped' }).waitFor({ timeout: 20_000 });
      await expect.poll(() => transcript(frame).textContent(), { timeout: 15_000 }).toMatch(/reference is KSM-/i);
      const text = (await transcript(frame).textContent()) ?? '';
      // The same history, once: the bot did not greet again.
      expect(text.match(/support assistant/g)?.length).toBe(greetingsShown);
      expect(await chatFrameOf(page).evaluate(() => document.documentElement.dataset.chat)).toBe('resumed');
      expect(tokenRequests).toHaveLength(1);
    }, BROWSER_TIMEOUT);

    it('closes on Escape with focus back on the launcher, and badges replies that come while closed', async () => {
      await expect.poll(() => focusOnPage(page)).toBe('frame');
      await page.keyboard.press('Escape');
      await expect.poll(() => chatDialog(page).isVisible()).toBe(false);
      expect(await focusOnPage(page)).toBe('launcher');
      expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');
      expect(await unreadBadge(page).isVisible()).toBe(false);

      // A reply arrives while the chat is closed (the conversation's own token, as a second tab of
      // the shopper's would send it).
      const session = await keptSession(page);
      const posted = await fetch(`${app.url}/v3/directline/conversations/${encodeURIComponent(session.conversationId)}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'how long do refunds take?', from: { id: 'shopper', role: 'user' } }),
      });
      expect(posted.status).toBe(200);
      await unreadBadge(page).waitFor({ timeout: 15_000 });
      expect(await unreadBadge(page).textContent()).toBe('1');
      expect(await launcher(page).getAttribute('aria-label')).toBe(`${LABEL} (1 unread message)`);

      // Still unread on the next page load; read once the chat is opened.
      await page.reload();
      await unreadBadge(page).waitFor({ timeout: 20_000 });
      expect(await unreadBadge(page).textContent()).toBe('1');
      const frame = await openChat(page);
      await expect.poll(() => transcript(frame).textContent(), { timeout: 15_000 }).toMatch(/refund/i);
      expect(await unreadBadge(page).isVisible()).toBe(false);
      await page.reload();
      await launcher(page).waitFor({ timeout: 20_000 });
      await page.waitForTimeout(1000);
      expect(await unreadBadge(page).isVisible()).toBe(false);
    }, BROWSER_TIMEOUT);
  });

  it('works with the keyboard alone: Tab to the launcher, Enter opens, Tab stays in the dialog, Escape closes', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    try {
      const page = await context.newPage();
      await page.goto(`${shop.url}/`);
      await launcher(page).waitFor({ timeout: 20_000 });
      for (let presses = 0; presses < 10 && (await focusOnPage(page)) !== 'launcher'; presses += 1) await page.keyboard.press('Tab');
      expect(await focusOnPage(page)).toBe('launcher');
      await page.keyboard.press('Enter');
      await chatDialog(page).waitFor({ state: 'visible' });
      await expect.poll(() => focusInFrame(page), { timeout: 20_000 }).toBe('webchat-sendbox-input');
      await suggestedAction(chatFrame(page), 'Track my order').waitFor({ timeout: 20_000 });
      // Focus is trapped: forwards and backwards through every control, it never leaves the chat.
      const seen = new Set<string | null>();
      for (let presses = 0; presses < 14; presses += 1) {
        await page.keyboard.press('Tab');
        expect(await focusOnPage(page)).toBe('frame');
        seen.add(await focusInFrame(page));
      }
      for (let presses = 0; presses < 6; presses += 1) {
        await page.keyboard.press('Shift+Tab');
        expect(await focusOnPage(page)).toBe('frame');
      }
      expect(seen).toContain('Close chat');
      expect(seen).toContain('webchat-sendbox-input');
      await page.keyboard.press('Escape');
      await expect.poll(() => chatDialog(page).isVisible()).toBe(false);
      expect(await focusOnPage(page)).toBe('launcher');
      // The close button does the same.
      await page.keyboard.press('Enter');
      await chatDialog(page).waitFor({ state: 'visible' });
      await chatFrame(page).getByRole('button', { name: 'Close chat' }).click();
      await expect.poll(() => chatDialog(page).isVisible()).toBe(false);
      expect(await focusOnPage(page)).toBe('launcher');
    } finally {
      await context.close();
    }
  }, BROWSER_TIMEOUT);

  it('fills a phone’s screen with the chat', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const page = await context.newPage();
      await page.goto(`${shop.url}/`);
      await launcher(page).waitFor({ timeout: 20_000 });
      const frame = await openChat(page);
      await suggestedAction(frame, 'Track my order').waitFor({ timeout: 20_000 });
      expect(await chatDialog(page).boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
      // The dialog covers the launcher; its own close button is the way out.
      expect(await launcher(page).isVisible()).toBe(false);
      await chatFrame(page).getByRole('button', { name: 'Close chat' }).click();
      await expect.poll(() => chatDialog(page).isVisible()).toBe(false);
      expect(await launcher(page).isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  }, BROWSER_TIMEOUT);

  it('gives a site the store does not list no chat and no conversation', async () => {
    const context = await browser.newContext();
    try {
      const tokenRequests: string[] = [];
      context.on('request', (request) => {
        if (isTokenRequest(request)) tokenRequests.push(request.url());
      });
      const page = await context.newPage();
      const conversationsBefore = app.widget.log.usage()?.conversations;
      await page.goto(`${stranger.url}/`);
      // The frame is refused by its CSP (frame-ancestors), so it never answers and no launcher shows.
      await page.waitForLoadState('load');
      await page.waitForTimeout(2_000);
      expect(await launcher(page).isVisible()).toBe(false);
      const chatLoaded = await Promise.all(
        page.frames().filter((frame) => frame !== page.mainFrame()).map((frame) => frame.evaluate(() => document.getElementById('webchat') !== null).catch(() => false)),
      );
      expect(chatLoaded).not.toContain(true);
      // Asking for a token directly: refused (403, test/bot/widget-origins.http.test.ts), and the
      // page may not even read the refusal.
      const outcome = await page.evaluate((url) => fetch(url, { method: 'POST' }).then((response) => `read ${response.status}`, (error: unknown) => String(error)), `${app.url}/api/brands/${BRAND}/token`);
      expect(outcome).toMatch(/TypeError/);
      expect(tokenRequests).toHaveLength(1);
      expect(app.widget.log.usage()?.conversations).toBe(conversationsBefore);
    } finally {
      await context.close();
    }
  }, BROWSER_TIMEOUT);
});
