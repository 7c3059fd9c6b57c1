// Through the real app: what an operator sees in Prometheus and in the
// logs (no shopper's email or card number, ever), and a turn that crashes costing only its own
// conversation.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../bot/logger.js';
import type { MessageReader } from '../../knowledge/reading/read-message.js';
import { createReader } from '../support/reading.js';
import { newConversationId, say, startClasp, type RunningClasp } from '../support/clasp-server.js';

let app: RunningClasp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function scrape(url: string, token?: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${url}/metrics`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, text: await response.text() };
}

function sample(metrics: string, line: string): number {
  const found = metrics.split('\n').find((row) => row.startsWith(`${line} `));
  return found === undefined ? 0 : Number(found.slice(line.length + 1));
}

describe('GET /metrics', () => {
  it('counts turns by brand and topic, fallbacks, out-of-scope answers, latency and handoffs', async () => {
    app = await startClasp({ ADMIN_TOKEN: 'agent-token-0123456789' });
    await say(app.url, 'kendra-scott-mall', newConversationId(), 'how long do refunds take?');
    await say(app.url, 'kendra-scott-mall', newConversationId(), 'how long do refunds take?');
    await say(app.url, 'generic-store', newConversationId(), 'what is the capital of France?');
    await say(app.url, 'generic-store', newConversationId(), 'ring');
    const id = newConversationId();
    for (const text of ['talk to a person', 'Sam Lee', 'sam@example.com']) await say(app.url, 'james-avery-malls', id, text);
    const asked = await say(app.url, 'james-avery-malls', id, 'none');
    if (asked.at(-1)?.channelData?.support?.awaiting === 'description') await say(app.url, 'james-avery-malls', id, 'my bracelet arrived damaged');
    await say(app.url, 'james-avery-malls', id, 'yes');

    const { status, text } = await scrape(app.url);
    expect(status).toBe(200);
    expect(sample(text, 'clasp_turns_total{brand="kendra-scott-mall",topic="refund.timeline"}')).toBe(2);
    expect(sample(text, 'clasp_out_of_scope_turns_total{brand="generic-store"}')).toBe(1);
    expect(sample(text, 'clasp_fallback_turns_total{brand="generic-store"}')).toBe(1);
    expect(sample(text, 'clasp_turn_duration_seconds_count{brand="kendra-scott-mall"}')).toBe(2);
    expect(sample(text, 'clasp_handoffs_total{brand="james-avery-malls",urgent="true"}') + sample(text, 'clasp_handoffs_total{brand="james-avery-malls",urgent="false"}')).toBe(1);
    expect(text).toMatch(/^clasp_handoff_outbox_depth \d+$/m);
    expect(text).toMatch(/^clasp_process_resident_memory_bytes \d+/m);
  });

  it('counts failed order verifications', async () => {
    app = await startClasp();
    const id = newConversationId();
    for (const text of ['track KS-100234', 'wrong@example.com']) await say(app.url, 'kendra-scott-mall', id, text);
    expect(sample((await scrape(app.url)).text, 'clasp_verification_failures_total{brand="kendra-scott-mall",locked="false"}')).toBe(1);
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    app = await startClasp({ METRICS_TOKEN: 'prometheus-token-0123' });
    expect((await scrape(app.url)).status).toBe(401);
    expect((await scrape(app.url, 'wrong-token-000000000')).status).toBe(401);
    expect((await scrape(app.url, 'prometheus-token-0123')).status).toBe(200);
  });
});

describe('logs and crashes', () => {
  it('keeps emails and card numbers out of the logs, and a crashing turn away from other conversations', async () => {
    const lines: string[] = [];
    const logger = createLogger({ logLevel: 'debug' }, { write: (line: string) => void lines.push(line) });
    const real = createReader();
    // A reading bug that quotes the shopper in its error, as real bugs do.
    const reader: MessageReader = {
      read: async (text, context) => {
        if (text.includes('crash')) throw new Error(`cannot read "${text}"`);
        return real.read(text, context);
      },
    };
    app = await startClasp({}, { logger, reader });

    const calm = newConversationId();
    expect((await say(app.url, 'kendra-scott-mall', calm, 'where is my order'))[0]?.channelData?.support?.awaiting).toBe('orderNumber');
    const crashing = newConversationId();
    const [apology] = await say(app.url, 'kendra-scott-mall', crashing, 'crash: I am jane.doe@example.com, card 4111 1111 1111 1111');
    expect(apology?.text).toMatch(/^Sorry, something went wrong on my side \(reference [0-9a-f]{8}\)/);
    // The other conversation is exactly where it was.
    expect((await say(app.url, 'kendra-scott-mall', calm, 'KS-100234'))[0]?.channelData?.support?.awaiting).toBe('email');
    // And the crashed one starts afresh rather than staying stuck.
    expect((await say(app.url, 'kendra-scott-mall', crashing, 'how long do refunds take?'))[0]?.text).toMatch(/Refunds/);

    const log = lines.join('');
    const failure = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'turn failed');
    expect(failure?.reference).toBe(/reference ([0-9a-f]{8})/.exec(apology?.text ?? '')?.[1]);
    expect(failure?.err?.message).toContain('[email removed]');
    expect(failure?.err?.message).toContain('[card number removed]');
    expect(log).not.toContain('jane.doe@example.com');
    expect(log).not.toMatch(/4111[ -]?1111/);
    // Every request has a line with its id and, for turns, the conversation.
    // (The line is written once the response has gone, so it may trail the reply by a moment.)
    await vi.waitFor(() => expect(lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request' && entry.conversationId === calm)).toHaveLength(2));
  });
});

describe('a ticket that cannot be stored', () => {
  it('is logged with its reference, counted, and makes /readyz answer 503', async () => {
    const lines: string[] = [];
    app = await startClasp({}, { logger: createLogger({ logLevel: 'info' }, { write: (line: string) => void lines.push(line) }) });
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    // The tickets folder is gone and a file stands in its place: the root can still be written.
    const tickets = join(app.clasp.handoff.outbox.dir, 'tickets');
    await rm(tickets, { recursive: true, force: true });
    await writeFile(tickets, 'not a folder');
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not_ready', message: expect.stringMatching(/outbox/) });

    const id = newConversationId();
    for (const text of ['talk to a person', 'Jane Doe', 'jane@example.com']) await say(app.url, 'kendra-scott-mall', id, text);
    const asked = await say(app.url, 'kendra-scott-mall', id, "I don't have one");
    if (asked.at(-1)?.channelData?.support?.awaiting === 'description') await say(app.url, 'kendra-scott-mall', id, 'A question about my ring size');
    const [failed] = await say(app.url, 'kendra-scott-mall', id, 'yes');
    expect(failed?.text).toMatch(/couldn't save your request/);

    const logged = lines.map((line) => JSON.parse(line) as Record<string, any>).find((entry) => entry.msg === 'handoff ticket could not be stored');
    expect(logged).toMatchObject({ level: 50, reference: expect.stringMatching(/^[A-Z]{3}-[A-Z0-9]{6}$/), brand: 'kendra-scott-mall', err: { code: 'ENOTDIR' } });
    expect(sample((await scrape(app.url)).text, 'clasp_handoff_store_failures_total')).toBe(1);
  });
});
