// Through the real server: each client has a budget of CPU time for its turns within a window
// (TURN_CPU_MS_PER_CLIENT per TURN_CPU_WINDOW_SECONDS), so long, costly messages sent within the
// message limits cannot take a process for themselves. Past it, the same 429 and Retry-After as
// the message limit, on the message routes and the widget alike. The budget here is tiny (1 ms) so
// one turn spends it; the default is far above what shoppers use.
import { afterEach, describe, expect, it } from 'vitest';
import { activityBody, newConversationId, startClasp, type RunningClasp } from '../support/clasp-server.js';
import * as dl from './directline/directline-client.js';

let app: RunningClasp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function post(url: string, address: string, text: string) {
  const response = await fetch(`${url}/api/brands/kendra-scott-mall/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify(activityBody(newConversationId(), { type: 'message', text })),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as any };
}

const TINY = { TRUST_PROXY: 'true', TURN_CPU_MS_PER_CLIENT: '1', TURN_CPU_WINDOW_SECONDS: '60' };

describe('the CPU budget per client', () => {
  it('refuses a client whose turns spent it with the message limit\'s 429, and serves other clients', async () => {
    app = await startClasp(TINY);
    expect((await post(app.url, '203.0.113.1', 'how long do refunds take?')).status).toBe(200);
    const refused = await post(app.url, '203.0.113.1', 'how long do refunds take?');
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.body).toEqual({ error: 'rate_limited', message: `Too many messages; send this again in ${refused.retryAfter} s.` });
    expect((await post(app.url, '203.0.113.2', 'how long do refunds take?')).status).toBe(200);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain('clasp_rate_limited_total{limit="turn_cpu_per_client"} 1');
  });

  it('gives the budget back when the window ends', async () => {
    app = await startClasp({ ...TINY, TURN_CPU_WINDOW_SECONDS: '1' });
    expect((await post(app.url, '203.0.113.1', 'hi')).status).toBe(200);
    expect((await post(app.url, '203.0.113.1', 'hi')).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await post(app.url, '203.0.113.1', 'hi')).status).toBe(200);
  });

  it('counts the widget\'s turns too, and refuses its next message the same way', async () => {
    app = await startClasp({ TURN_CPU_MS_PER_CLIENT: '1', DIRECTLINE_SECRET: 'test-secret-test-secret-test-secret-0123' });
    const started = await dl.startConversation(app.url);
    // The welcome is a turn: it spends this client's budget.
    await dl.pollUntil(app.url, started, (activities) => dl.botMessages(activities).length > 0);
    const refused = await dl.say(app.url, started, 'how long do refunds take?');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({ error: 'rate_limited', message: expect.stringMatching(/^Too many messages/) });
  });
});
