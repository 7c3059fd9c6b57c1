import type { Activity } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp, type ClaspApp } from '../../bot/app.js';
import { createClasp, type Clasp, type ClaspDeps } from '../../bot/clasp.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import type { Widget } from '../../bot/website/widget.routes.js';

export interface RunningClasp {
  url: string;
  clasp: Clasp;
  widget: Widget;
  app: ClaspApp;
  close(): Promise<void>;
}

/** Boots the real service (real adapter, real Reading step) on a free loopback port. */
export async function startClasp(
  env: Record<string, string> = {},
  deps: ClaspDeps & { webChatBundlePath?: string } = {},
): Promise<RunningClasp> {
  // One process owns an outbox folder: every test server gets its own.
  const outboxDir = mkdtempSync(joinPath(tmpdir(), 'clasp-outbox-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', OUTBOX_DIR: outboxDir, ...env });
  const { webChatBundlePath, ...claspDeps } = deps;
  const clasp = await createClasp(config, { logger: createLogger({ logLevel: 'silent' }), ...claspDeps });
  const app = createApp(clasp, { now: deps.now, webChatBundlePath });
  const { server } = app;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    clasp,
    widget: app.widget,
    app,
    close: async () => {
      await app.close();
      await clasp.close();
      rmSync(outboxDir, { recursive: true, force: true });
    },
  };
}

export function newConversationId(): string {
  return `test-${randomUUID()}`;
}

export function activityBody(conversationId: string, fields: Partial<Activity> & { type: string }): Record<string, unknown> {
  return {
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:1',
    deliveryMode: 'expectReplies',
    conversation: { id: conversationId },
    from: { id: 'shopper-1', name: 'Shopper', role: 'user' },
    recipient: { id: 'clasp', name: 'Clasp', role: 'bot' },
    ...fields,
  };
}

export async function postActivity(url: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: leave the text for the assertion to show
  }
  return { status: response.status, body: parsed };
}

/** One shopper message with expectReplies; returns the bot's message activities. */
export async function say(url: string, brand: string, conversationId: string, text: string): Promise<Activity[]> {
  const { status, body } = await postActivity(url, `/api/brands/${brand}/messages`, activityBody(conversationId, { type: 'message', text }));
  if (status !== 200) throw new Error(`POST answered ${status}: ${JSON.stringify(body)}`);
  return (body.activities as Activity[]).filter((activity) => activity.type === 'message');
}

/** A reply's channelData.support: its topic and the sections it cites. */
export function supportOf(reply: { channelData?: unknown } | undefined): { topic?: string; sources?: Array<{ document: string; section: string }> } | undefined {
  return (reply?.channelData as { support?: { topic?: string; sources?: Array<{ document: string; section: string }> } } | undefined)?.support;
}

export async function join(url: string, brand: string, conversationId: string): Promise<Activity[]> {
  const shopper = { id: 'shopper-1', name: 'Shopper', role: 'user' };
  const { status, body } = await postActivity(url, `/api/brands/${brand}/messages`, activityBody(conversationId, { type: 'conversationUpdate', membersAdded: [shopper] }));
  if (status !== 200) throw new Error(`POST answered ${status}: ${JSON.stringify(body)}`);
  return (body.activities as Activity[]).filter((activity) => activity.type === 'message');
}
