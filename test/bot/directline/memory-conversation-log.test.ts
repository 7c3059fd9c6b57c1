import { describe, expect, it } from 'vitest';
import { createMemoryConversationLog } from '../../../bot/directline/memory-conversation-log.js';

type Limits = {
  maxActivities?: number;
  maxConversations?: number;
  maxBytes?: number;
  maxConversationBytes?: number;
  idleSeconds?: number;
  firstMessageSeconds?: number;
  maxPerClient?: number;
};

function setup(limits: Limits = {}) {
  let now = new Date('2026-11-20T19:00:00Z');
  const dropped: string[] = [];
  const log = createMemoryConversationLog({
    maxActivities: 100,
    maxConversations: 100,
    maxBytes: 1_000_000,
    idleSeconds: 60,
    firstMessageSeconds: 3600,
    maxPerClient: 100,
    ...limits,
    now: () => now,
    sweepEveryMs: 0,
    onDropped: (id) => dropped.push(id),
  });
  return { log, dropped, advance: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)), now: () => now };
}

const visitor = (user = 'u', client = '192.0.2.1') => ({ brand: 'generic-store' as const, user, client });

const message = (text: string) => ({ type: 'message', text });

describe('memory conversation log', () => {
  it('gives ids and timestamps in order and reads after a watermark', async () => {
    const { log } = setup();
    await log.create('c1', visitor('u1'));
    const [first, second] = await log.append('c1', [message('a'), message('b')]);
    expect(first).toMatchObject({ id: 'c1|0000000', timestamp: '2026-11-20T19:00:00.000Z', text: 'a' });
    expect(second?.id).toBe('c1|0000001');
    expect(await log.read('c1')).toMatchObject({ watermark: '2', activities: [{ text: 'a' }, { text: 'b' }] });
    expect(await log.read('c1', 1)).toMatchObject({ watermark: '2', activities: [{ text: 'b' }] });
    expect(await log.read('c1', 2)).toEqual({ watermark: '2', activities: [] });
    expect(await log.read('nope')).toBeUndefined();
  });

  it('keeps only the newest activities, the watermark counting on', async () => {
    const { log } = setup({ maxActivities: 2 });
    await log.create('c1', visitor('u1'));
    await log.append('c1', [message('a'), message('b'), message('c')]);
    expect(await log.read('c1')).toMatchObject({ watermark: '3', activities: [{ text: 'b', id: 'c1|0000001' }, { text: 'c' }] });
  });

  it('forgets idle conversations, and refuses a new one at the bound instead of evicting one a shopper spoke in', async () => {
    const { log, advance } = setup({ maxConversations: 2 });
    expect(await log.create('a', visitor('u'))).toBe('admitted');
    expect(await log.create('b', visitor('u'))).toBe('admitted');
    for (const id of ['a', 'b']) expect(await log.spoke(id)).toBe(true);
    expect(await log.create('c', visitor('u'))).toBe('full');
    expect(await log.get('a')).toBeDefined();
    expect(await log.get('b')).toBeDefined();
    expect(await log.get('c')).toBeUndefined();
    expect(log.usage()).toMatchObject({ conversations: 2 });
    advance(61);
    expect(await log.get('a')).toBeUndefined();
    expect(await log.append('b', [message('late')])).toEqual([]);
    // Idle ones made room again.
    expect(await log.create('c', visitor('u'))).toBe('admitted');
  });

  it('counts the JSON it keeps, refuses new conversations past the byte bound and trims a conversation past its own', async () => {
    const { log } = setup({ maxBytes: 2_500, maxConversationBytes: 1_600 });
    await log.create('a', visitor('u'));
    await log.spoke('a');
    await log.append('a', [message('x'.repeat(600)), message('y'.repeat(600))]);
    expect(log.usage()?.bytes).toBeGreaterThan(1_200);
    // Past 1,600 characters the oldest drop off; the watermark counts on.
    await log.append('a', [message('z'.repeat(600))]);
    const kept = await log.read('a');
    expect(kept).toMatchObject({ watermark: '3', activities: [{ text: 'y'.repeat(600) }, { text: 'z'.repeat(600) }] });
    await log.create('b', visitor('u'));
    await log.spoke('b');
    await log.append('b', [message('v'.repeat(700)), message('w'.repeat(700))]);
    expect(log.usage()?.bytes).toBeGreaterThanOrEqual(2_500);
    expect(await log.create('c', visitor('u'))).toBe('full');
    expect(await log.get('a')).toBeDefined();
  });

  it('relays typing to subscribers without storing it or moving the watermark', async () => {
    const { log } = setup();
    await log.create('c1', visitor('u1'));
    await log.append('c1', [message('a')]);
    const seen: Array<[string, string, boolean]> = [];
    log.subscribe('c1', (set, relayed) => seen.push([set.activities.map((a) => a.type).join(','), set.watermark, relayed === true]));
    const relayed = await log.relay('c1', { type: 'typing' });
    expect(relayed?.id).toMatch(/^c1\|r-/);
    expect(seen).toEqual([['typing', '1', true]]);
    expect(await log.read('c1')).toMatchObject({ watermark: '1', activities: [{ type: 'message' }] });
    expect(await log.relay('nope', { type: 'typing' })).toBeUndefined();
  });

  it('starts a conversation once', async () => {
    const { log } = setup();
    await log.create('c1', visitor('u1'));
    expect(await log.start('c1')).toBe(true);
    expect(await log.start('c1')).toBe(false);
    expect(await log.get('c1')).toEqual({ brand: 'generic-store', user: 'u1', client: '192.0.2.1', started: true, spoken: false });
  });

  it('tells subscribers about each batch, until they unsubscribe', async () => {
    const { log } = setup();
    await log.create('c1', visitor('u1'));
    const seen: string[] = [];
    const unsubscribe = log.subscribe('c1', (set) => seen.push(`${set.activities.map((a) => a.text).join('')}@${set.watermark}`));
    await log.append('c1', [message('a'), message('b')]);
    unsubscribe();
    await log.append('c1', [message('c')]);
    expect(seen).toEqual(['ab@2']);
  });

  it('drops a conversation nobody spoke in at the end of its first-message window, touches or not', async () => {
    const { log, advance, dropped } = setup({ firstMessageSeconds: 120, idleSeconds: 3600 });
    await log.create('silent', visitor('u1'));
    await log.create('talking', visitor('u2'));
    await log.spoke('talking');
    advance(119);
    expect(await log.read('silent')).toBeDefined();
    advance(1);
    expect(await log.get('silent')).toBeUndefined();
    expect(await log.get('talking')).toMatchObject({ spoken: true });
    expect(log.usage()).toMatchObject({ conversations: 1 });
    expect(dropped).toEqual(['silent']);
  });

  it('when full, drops the oldest conversations nobody spoke in, never one a shopper spoke in', async () => {
    const { log, dropped } = setup({ maxConversations: 3 });
    await log.create('spoken', visitor('u0', '192.0.2.1'));
    await log.spoke('spoken');
    await log.create('old', visitor('u1', '192.0.2.2'));
    await log.create('young', visitor('u2', '192.0.2.3'));
    expect(await log.create('new', visitor('u3', '192.0.2.4'))).toBe('admitted');
    expect(dropped).toEqual(['old']);
    expect(await log.create('newer', visitor('u4', '192.0.2.5'))).toBe('admitted');
    expect(dropped).toEqual(['old', 'young']);
    for (const id of ['new', 'newer']) await log.spoke(id);
    expect(await log.create('refused', visitor('u5', '192.0.2.6'))).toBe('full');
    expect(await log.get('spoken')).toBeDefined();
  });

  it('holds a client to its bound, its own oldest unspoken conversation making room', async () => {
    const { log, dropped } = setup({ maxPerClient: 2 });
    await log.create('a', visitor('u', '198.51.100.7'));
    await log.create('b', visitor('u', '198.51.100.7'));
    await log.spoke('a');
    expect(await log.create('c', visitor('u', '198.51.100.7'))).toBe('admitted');
    expect(dropped).toEqual(['b']);
    await log.spoke('c');
    expect(await log.create('d', visitor('u', '198.51.100.7'))).toBe('client_full');
    // Another client is not held back.
    expect(await log.create('e', visitor('u', '198.51.100.8'))).toBe('admitted');
  });

  it('opens a conversation again from a given sequence, and a stream subscribed before hears it', async () => {
    const { log, advance } = setup({ firstMessageSeconds: 10 });
    await log.create('c1', visitor('u1'));
    await log.append('c1', [message('greeting')]);
    const seen: string[] = [];
    log.subscribe('c1', (set) => seen.push(`${set.activities.map((a) => a.text).join('')}@${set.watermark}`));
    advance(10);
    expect(await log.get('c1')).toBeUndefined();
    expect(await log.create('c1', visitor('u1'), { firstSequence: 5_000, started: true })).toBe('admitted');
    const [echo] = await log.append('c1', [message('hello')]);
    expect(echo?.id).toBe('c1|0005000');
    expect(await log.read('c1', 1)).toMatchObject({ watermark: '5001', activities: [{ text: 'hello' }] });
    expect(await log.get('c1')).toMatchObject({ started: true, spoken: false });
    expect(seen).toEqual(['hello@5001']);
  });
});
