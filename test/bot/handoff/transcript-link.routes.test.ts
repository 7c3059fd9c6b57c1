// The transcript link on a real restify server, its email sent through a real SMTP server on
// loopback: with TRANSCRIPT_LINK_SECRET and PUBLIC_URL the email carries the link and the link
// shows the ticket's whole redacted transcript, escaped, never cached or indexed; a tampered,
// expired or unknown token gets the one 404; with the feature off there is no link and no route.
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { HandoffTicket } from '../../../knowledge/handoff/handoff-ticket.types.js';
import type { HandoffConfig } from '../../../bot/handoff/handoff-config.js';
import { createHandoff, type Handoff } from '../../../bot/handoff/index.js';
import { transcriptToken } from '../../../bot/handoff/transcript-link.js';
import { profileOf, quietLogger, startSmtp, submissionFor, tempDir, testConfig, waitUntil, type Received, type TestSmtp } from './handoff-fixtures.js';
import { BRAND_IDS } from '../../support/brands.js';
import { REPETITIVE_TRANSCRIPT } from './transcript-fixtures.js';

const SECRET = 'transcript-link-secret-for-tests-0123456789';
const PUBLIC_URL = 'https://clasp.example';
const CREATED = new Date('2026-11-27T15:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const LINK = /https:\/\/clasp\.example\/transcripts\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

interface Served {
  handoff: Handoff;
  url: string;
  close(): Promise<void>;
}

let smtp: TestSmtp;
let clock = CREATED;
const dirs: Array<Awaited<ReturnType<typeof tempDir>>> = [];

async function serve(overrides: Partial<HandoffConfig>): Promise<Served> {
  const dir = await tempDir();
  dirs.push(dir);
  const handoff = await createHandoff({
    config: testConfig(dir.path, { smtpUrl: smtp.url, ...overrides }),
    transcriptOf: async () => REPETITIVE_TRANSCRIPT,
    logger: quietLogger,
    profileOf,
    brandIds: BRAND_IDS,
    now: () => clock,
  });
  await handoff.start();
  const server = restify.createServer({ name: 'transcript-link-test', handleUncaughtExceptions: false });
  handoff.registerRoutes(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    handoff,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await handoff.close();
    },
  };
}

/** Stores a handoff as the flow would, lets the sender mail it, and returns the ticket and the email. */
async function handOff(served: Served, conversation: string): Promise<{ ticket: HandoffTicket; mail: Received }> {
  const submission = submissionFor('kendra-scott-mall', { category: 'missing_package', orderNumber: 'KS-100234' }, { description: 'My necklace never arrived' }, CREATED.toISOString());
  const ticket = await served.handoff.submitter.submit(submission, `kendra-scott-mall/test/conversations/${conversation}`);
  await waitUntil(async () => (await served.handoff.outbox.state(ticket.id)).status === 'sent', 10_000, 'the handoff email');
  const mail = smtp.received.find((received) => received.parsed.messageId === ticket.messageId);
  if (mail === undefined) throw new Error('the email did not arrive');
  return { ticket, mail };
}

/** The link's path on the test server: PUBLIC_URL is where a proxy in front would forward from. */
const onServer = (served: Served, link: string) => `${served.url}${new URL(link).pathname}`;

let on: Served;
let off: Served;
let onTicket: HandoffTicket;
let onMail: Received;
let link: string;

beforeAll(async () => {
  smtp = await startSmtp();
  on = await serve({ transcriptLink: { secret: SECRET, publicUrl: PUBLIC_URL, days: 14 } });
  off = await serve({});
  ({ ticket: onTicket, mail: onMail } = await handOff(on, 'link-on'));
  link = LINK.exec(onMail.parsed.text ?? '')?.[0] ?? '';
});

afterAll(async () => {
  await on.close();
  await off.close();
  await smtp.stop();
  for (const dir of dirs) await dir.remove();
});

describe('the email with the transcript link on', () => {
  it('carries the link in both parts, with the day it stops working', () => {
    expect(link).not.toBe('');
    expect(onMail.parsed.text).toContain(`The whole transcript, every line as recorded (the link works until Friday, December 11, 2026, 10:00 AM EST): ${link}`);
    expect(String(onMail.parsed.html)).toContain(`<a href="${link}">${link}</a>`);
  });

  it('shows the transcript tidied: the summary and the repeated name prompt once each, every shopper line', () => {
    const text = onMail.parsed.text ?? '';
    expect(text.match(/Here's what I'll send/g)).toHaveLength(1);
    expect(text.match(/I didn't catch a name/g)).toHaveLength(1);
    expect(text).toMatch(/Assistant: Sorry, I didn't catch a name there\. What name should the team use for you\? For example: Jane Doe\. \[said again 2 more times later; the repeats are left out\]/);
    for (const line of REPETITIVE_TRANSCRIPT.filter((entry) => entry.from === 'shopper')) expect(text).toContain(`Shopper: ${line.text}`);
  });

  it('keeps the whole transcript in the stored ticket', async () => {
    expect((await on.handoff.outbox.get(onTicket.id))?.ticket.transcript).toEqual(REPETITIVE_TRANSCRIPT);
  });
});

describe('GET /transcripts/:token', () => {
  it('shows the whole redacted transcript, escaped, never cached, indexed or referred', async () => {
    const response = await fetch(onServer(on, link));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-robots-tag')).toMatch(/noindex/);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const page = await response.text();
    expect(page).toContain(`Transcript of ${onTicket.reference} (Kendra Scott Mall)`);
    // The full record: the summary all three times it was said.
    expect(page.match(/Here&#39;s what I&#39;ll send/g)).toHaveLength(3);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('My necklace never arrived &lt;b&gt;at all&lt;/b&gt;');
    expect(page).not.toMatch(/<script|<b>/);
    expect(page).toContain('KS-100234, paid with [card number removed]');
  });

  it('answers a tampered token, an expired one, an unknown ticket and garbage with the same 404', async () => {
    const [payload = '', signature = ''] = (new URL(link).pathname.split('/').at(-1) ?? '').split('.');
    const flip = (text: string, index: number) => `${text.slice(0, index)}${text[index] === 'A' ? 'B' : 'A'}${text.slice(index + 1)}`;
    const otherTicket = Buffer.from(JSON.stringify({ t: '20261127-ZZZZZZZZZZ', e: Math.floor((CREATED.getTime() + 14 * DAY_MS) / 1000) })).toString('base64url');
    const longer = Buffer.from(JSON.stringify({ t: onTicket.id, e: Math.floor((CREATED.getTime() + 400 * DAY_MS) / 1000) })).toString('base64url');
    const bad = [
      `${flip(payload, 5)}.${signature}`,
      `${payload}.${flip(signature, 10)}`,
      `${payload}.${flip(signature, signature.length - 1)}`,
      `${otherTicket}.${signature}`,
      `${longer}.${signature}`,
      transcriptToken(onTicket.id, new Date(CREATED.getTime() + DAY_MS), 'another-secret-that-is-long-enough-0123'),
      transcriptToken('20261127-ZZZZZZZZZZ', new Date(CREATED.getTime() + DAY_MS), SECRET),
      'not-a-token',
      `${payload}.${signature}.extra`,
      `${payload}.${signature}/more`,
      'A'.repeat(4000),
    ];
    const answers = await Promise.all(bad.map(async (token) => {
      const response = await fetch(`${on.url}/transcripts/${token}`);
      return { status: response.status, body: await response.text(), cache: response.headers.get('cache-control') };
    }));

    clock = new Date(CREATED.getTime() + 14 * DAY_MS - 1000);
    const lastSecond = await fetch(onServer(on, link));
    clock = new Date(CREATED.getTime() + 14 * DAY_MS);
    const expired = await fetch(onServer(on, link));
    clock = CREATED;

    expect(lastSecond.status).toBe(200);
    await lastSecond.body?.cancel();
    const expiredAnswer = { status: expired.status, body: await expired.text(), cache: expired.headers.get('cache-control') };
    const notFound = { status: 404, body: JSON.stringify({ error: 'not_found', message: 'No such route.' }), cache: 'no-store' };
    expect(expiredAnswer).toEqual(notFound);
    for (const answer of answers) expect(answer).toEqual(notFound);
  });
});

describe('the transcript link off (the default)', () => {
  it('leaves the link out of the email and the route out of the server', async () => {
    const { mail } = await handOff(off, 'link-off');
    const all = `${mail.raw.toString('utf8')}\n${mail.parsed.text ?? ''}\n${String(mail.parsed.html)}`;
    expect(all).not.toMatch(/\/transcripts\//);
    expect(all).not.toMatch(/every line as recorded/);
    // The transcript itself is still there, tidied the same way.
    expect(mail.parsed.text?.match(/Here's what I'll send/g)).toHaveLength(1);
    // A link made with the other server's secret leads nowhere here.
    const response = await fetch(onServer(off, link));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).not.toMatch(/text\/html/);
  });
});
