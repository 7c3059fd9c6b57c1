// Two instances sharing one store take turns of the same conversation at the same moment: the
// eTag-checked save makes the later one run again on what the earlier one saved, so neither
// message is lost from the conversation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClasp, type Clasp } from '../../bot/clasp.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { ExpiringMemoryStorage } from '../../bot/state/memory.storage.js';
import { shopperMessage } from '../../bot/shopper-activity.js';
import { createReader } from '../support/reading.js';

const dirs: string[] = [];
let a: Clasp;
let b: Clasp;

beforeAll(async () => {
  const storage = new ExpiringMemoryStorage({ ttlSeconds: 3600 });
  const reader = createReader();
  const make = () => {
    const dir = mkdtempSync(join(tmpdir(), 'clasp-concurrent-'));
    dirs.push(dir);
    return createClasp(loadConfig({ OUTBOX_DIR: dir }), { storage, reader, logger: createLogger({ logLevel: 'silent' }) });
  };
  [a, b] = await Promise.all([make(), make()]);
});

afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('one conversation, two instances, same moment', () => {
  it('answers both messages and keeps both in the conversation', async () => {
    const shopper = { id: 'shopper-1', name: 'Shopper' };
    const origin = { brand: 'kendra-scott-mall' as const, client: 'test' };
    const say = (clasp: Clasp, text: string) => clasp.runTurn(origin, shopperMessage('test', 'conv-race', shopper, text));
    await say(a, 'where is my order');

    const [first, second] = await Promise.all([say(a, 'how long do refunds take?'), say(b, 'do you ship internationally?')]);
    expect(first[0]?.text).toMatch(/Refunds/);
    expect(second[0]?.text).toMatch(/ship|international/i);

    const transcript = await a.conversations.transcript('kendra-scott-mall/test/conversations/conv-race');
    const said = transcript.filter((line) => line.from === 'shopper').map((line) => line.text);
    expect(said).toEqual(expect.arrayContaining(['where is my order', 'how long do refunds take?', 'do you ship internationally?']));
    expect(said).toHaveLength(3);
    // The tracking flow is still waiting for the order number: neither turn undid it.
    expect((await say(b, 'KS-100234'))[0]?.channelData?.support?.awaiting).toBe('email');
  });
});
