import { describe, expect, it } from 'vitest';
import { createMemoryConversationLog } from '../../../bot/directline/memory-conversation-log.js';

function setup(limits: { maxActivities?: number; maxConversations?: number; maxBytes?: number; maxConversationBytes?: number; idleSeconds?: number } = {}) {
  let now = new Date('2026-11-20T19:00:00Z');
  const log = createMemoryConversationLog({ maxActivities: 100, maxConversations: 100, maxBytes: 1_000_000, idleSeconds: 60, ...limits, now: () => now, sweepEveryMs: 0 });
  return { log, advance: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)) };
}

const message = (text: string) => ({ type: 'message', text });

describe('memory conversation log', () => {
  it('gives ids and timestamps in order and reads after a watermark', async () => {
    const { log } = setup();
    await log.create('c1', { brand: 'generic-store', user: 'u1' });
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
    await log.create('c1', { brand: 'generic-store', user: 'u1' });
    await log.append('c1', [message('a'), message('b'), message('c')]);
    expect(await log.read('c1')).toMatchObject({ watermark: '3', activities: [{ text: 'b', id: 'c1|0000001' }, { text: 'c' }] });
  });

  it('forgets idle conversations, and refuses a new one at the bound instead of evicting one in use', async () => {
    const { log, advance } = setup({ maxConversations: 2 });
    expect(await log.create('a', { brand: 'generic-store', user: 'u' })).toBe(true);
    expect(await log.create('b', { brand: 'generic-store', user: 'u' })).toBe(true);
    expect(await log.create('c', { brand: 'generic-store', user: 'u' })).toBe(false);
    expect(await log.get('a')).toBeDefined();
    expect(await log.get('b')).toBeDefined();
    expect(await log.get('c')).toBeUndefined();
    expect(log.usage()).toMatchObject({ conversations: 2 });
    advance(61);
    expect(await log.get('a')).toBeUndefined();
    expect(await log.append('b', [message('late')])).toEqual([]);
    // Idle ones made room again.
    expect(await log.create('c', { brand: 'generic-store', user: 'u' })).toBe(true);
  });

  it('counts the JSON it keeps, refuses new conversations past the byte bound and trims a conversation past its own', async () => {
    const { log } = setup({ maxBytes: 2_500, maxConversationBytes: 1_600 });
    await log.create('a', { brand: 'generic-store', user: 'u' });
    await log.append('a', [message('x'.repeat(600)), message('y'.repeat(600))]);
    expect(log.usage()?.bytes).toBeGreaterThan(1_200);
    // Past 1,600 characters the oldest drop off; the watermark counts on.
    await log.append('a', [message('z'.repeat(600))]);
    const kept = await log.read('a');
    expect(kept).toMatchObject({ watermark: '3', activities: [{ text: 'y'.repeat(600) }, { text: 'z'.repeat(600) }] });
    await log.create('b', { brand: 'generic-store', user: 'u' });
    await log.append('b', [message('v'.repeat(700)), message('w'.repeat(700))]);
    expect(log.usage()?.bytes).toBeGreaterThanOrEqual(2_500);
    expect(await log.create('c', { brand: 'generic-store', user: 'u' })).toBe(false);
    expect(await log.get('a')).toBeDefined();
  });

  it('relays typing to subscribers without storing it or moving the watermark', async () => {
    const { log } = setup();
    await log.create('c1', { brand: 'generic-store', user: 'u1' });
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
    await log.create('c1', { brand: 'generic-store', user: 'u1' });
    expect(await log.start('c1')).toBe(true);
    expect(await log.start('c1')).toBe(false);
    expect(await log.get('c1')).toEqual({ brand: 'generic-store', user: 'u1', started: true });
  });

  it('tells subscribers about each batch, until they unsubscribe', async () => {
    const { log } = setup();
    await log.create('c1', { brand: 'generic-store', user: 'u1' });
    const seen: string[] = [];
    const unsubscribe = log.subscribe('c1', (set) => seen.push(`${set.activities.map((a) => a.text).join('')}@${set.watermark}`));
    await log.append('c1', [message('a'), message('b')]);
    unsubscribe();
    await log.append('c1', [message('c')]);
    expect(seen).toEqual(['ab@2']);
  });
});
