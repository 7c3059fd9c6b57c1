import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';

// How a shopper sees Clasp's chat, as locators: shared by the browser tests and the screenshot
// and latency scripts. The chat is the embed tag's launcher and dialog on the page
// (bot/website/assets/embed.js), with stock Web Chat inside its frame (/embed/<brand>); the Web
// Chat locators take that frame (`chatFrame`), or a page that is the chat itself (/embed/<brand>
// opened on its own).

/** Where Web Chat runs: the embed's frame, or a page showing /embed/<brand> itself. */
export type ChatScope = Page | FrameLocator;

export const transcript = (scope: ChatScope): Locator => scope.locator('.webchat__basic-transcript');
export const sendBox = (scope: ChatScope): Locator => scope.getByPlaceholder('Type your message');
export const suggestedAction = (scope: ChatScope, name: string): Locator =>
  scope.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name, exact: true });
/** The bot's message bubbles (the shopper's carry `--from-user`). */
export const botBubbles = (scope: ChatScope): Locator => transcript(scope).locator('.webchat__bubble:not(.webchat__bubble--from-user)');
/** Rendered cards (Web Chat renders hero cards as Adaptive Cards). */
export const cards = (scope: ChatScope): Locator => transcript(scope).locator('.ac-adaptiveCard');

// ---- the embed tag on a page ----

/** The launcher button the embed tag adds (in its element's shadow root, which locators pierce). */
export const launcher = (page: Page): Locator => page.locator('clasp-chat').locator('button.launcher');
/** The chat dialog: the panel holding the frame. */
export const chatDialog = (page: Page): Locator => page.locator('clasp-chat').getByRole('dialog');
/** The unread badge on the launcher. */
export const unreadBadge = (page: Page): Locator => page.locator('clasp-chat').locator('.badge');
/** Web Chat inside the embed's frame, for the locators above. */
export const chatFrame = (page: Page): FrameLocator => page.frameLocator('clasp-chat iframe');

/** The embed's frame itself, to read its storage or run script in it. */
export function chatFrameOf(page: Page): Frame {
  const frame = page.frames().find((candidate) => /\/embed\/[a-z0-9-]+/.test(new URL(candidate.url(), 'http://x').pathname));
  if (frame === undefined) throw new Error(`no chat frame in ${page.url()}; frames: ${page.frames().map((f) => f.url()).join(', ')}`);
  return frame;
}

/** Clicks the launcher and waits for Web Chat's send box in the dialog. */
export async function openChat(page: Page): Promise<FrameLocator> {
  await launcher(page).click();
  const frame = chatFrame(page);
  await sendBox(frame).waitFor({ timeout: 20_000 });
  return frame;
}

/** Collects Content-Security-Policy violations from the first script on, in every frame; read with `cspViolations`. */
export async function watchCsp(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
}

export function cspViolations(frame: Page | Frame): Promise<string[]> {
  return frame.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

export async function type(scope: ChatScope, text: string): Promise<void> {
  await sendBox(scope).fill(text);
  await sendBox(scope).press('Enter');
}
