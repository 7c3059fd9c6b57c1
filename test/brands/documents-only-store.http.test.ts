// A store whose folder holds its documents and an empty brand.yaml: it already answers from the
// documents' own sentences with their section, tracks orders without estimated dates, leaves
// return verdicts to a person, hands off to its (placeholder) inbox, and says what its documents
// do not state.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, waitUntil, type TestSmtp } from '../bot/handoff/handoff-fixtures.js';
import { newConversationId, say, startClasp, supportOf, type RunningClasp } from '../support/clasp-server.js';

const STORE = 'harbour-lane';
const FIXTURE = new URL('../fixtures/brands/tidewater-goldsmiths/', import.meta.url);
const NOW = new Date('2026-12-02T15:00:00Z');
const item = (name: string, personalized = false) => ({ sku: 'HL-1', name, quantity: 1, unitPrice: 120, finalSale: false, personalized });
const ORDERS = {
  orders: [
    { brand: STORE, orderNumber: 'HL-5120', status: 'shipped', email: 'noor@example.com', placedAt: '2026-11-28T14:00:00Z', shippedAt: '2026-12-01T16:00:00Z', carrier: 'UPS', trackingNumber: '1Z999AA10199999999', items: [item('Twisted Silver Hoops')] },
    { brand: STORE, orderNumber: 'HL-5099', status: 'delivered', email: 'noor@example.com', placedAt: '2026-11-10T14:00:00Z', shippedAt: '2026-11-12T16:00:00Z', deliveredAt: '2026-11-20T18:00:00Z', carrier: 'UPS', trackingNumber: '1Z999AA10188888888', items: [item('Pearl Drop Necklace')] },
  ],
};

let dir: string;
let smtp: TestSmtp;
let app: RunningClasp;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clasp-docs-only-'));
  const folder = join(dir, 'brands', STORE);
  mkdirSync(folder, { recursive: true });
  for (const name of ['customer-care.md', 'returns-and-exchanges.txt']) copyFileSync(new URL(name, FIXTURE), join(folder, name));
  writeFileSync(join(folder, 'brand.yaml'), '');
  writeFileSync(join(dir, 'orders.json'), JSON.stringify(ORDERS));
  smtp = await startSmtp();
  app = await startClasp({ BRANDS_DIR: join(dir, 'brands'), ORDERS_FILE: join(dir, 'orders.json'), SMTP_URL: smtp.url, HANDOFFS_PER_CLIENT: '100' }, { now: () => NOW });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await smtp?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function conversation(lines: readonly string[]): Promise<string> {
  const id = newConversationId();
  let last = '';
  for (const line of lines) last = (await say(app.url, STORE, id, line)).map((reply) => reply.text ?? '').join('\n');
  return last;
}

describe('a store with documents and an empty brand.yaml', () => {
  it('answers from its documents, citing the section', async () => {
    const [reply] = await say(app.url, STORE, newConversationId(), 'will you deliver a parcel to toronto in canada');
    expect(supportOf(reply)?.sources).toContainEqual({ document: 'customer-care', section: 'delivery' });
    expect(reply?.text).toContain('United States and Canada');
  });

  it('names no channel brand.yaml does not give', async () => {
    const [reply] = await say(app.url, STORE, newConversationId(), 'which ways can i get in touch with the shop');
    expect(reply?.text).not.toContain('()');
    expect(reply?.text).not.toMatch(/You can reach Harbour Lane\s*\./);
  });

  it('says plainly what its documents do not state', async () => {
    const [reply] = await say(app.url, STORE, newConversationId(), 'how do i get an invoice for my order');
    expect(reply?.text).toMatch(/doesn.t say|don.t say/);
    expect(supportOf(reply)?.sources).toEqual([]);
  });

  it('tracks an order without promising a delivery date', async () => {
    const text = await conversation(['track my order', 'HL-5120', 'noor@example.com']);
    expect(text).toContain('HL-5120');
    expect(text).not.toMatch(/expected|estimated|arrive by/i);
  });

  it('leaves a return to the team rather than inventing a window', async () => {
    const id = newConversationId();
    let replies = await say(app.url, STORE, id, 'i want to return my necklace');
    for (const line of ['HL-5099', 'noor@example.com', 'never worn, tags on', 'changed my mind']) {
      if (replies.some((reply) => /review|person|team/i.test(reply.text ?? '') && /return/i.test(reply.text ?? ''))) break;
      replies = await say(app.url, STORE, id, line);
    }
    const text = replies.map((reply) => reply.text ?? '').join(' ');
    expect(text).toMatch(/review|a person on the team|the team (has to|will) (confirm|check)/i);
    expect(text).not.toMatch(/can be returned until|you can start a return until/i);
  });

  it('hands off to the inbox the store has, a placeholder until it is set', async () => {
    await conversation(['can i talk to someone about a gift', 'Noor Example', 'noor@example.com', 'no order', 'I need help choosing a present', 'yes']);
    await waitUntil(() => smtp.received.length > 0, 15_000, 'the handoff email');
    expect(smtp.received[0]!.envelope.to).toEqual([`support@${STORE}.example`]);
  });
});
