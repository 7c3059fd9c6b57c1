import { describe, expect, it } from 'vitest';
import { createTurnQueue } from '../../../bot/directline/turn-queue.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('turn queue', () => {
  it('runs one conversation’s turns in order, never two at once, other conversations alongside', async () => {
    const errors: unknown[] = [];
    const queue = createTurnQueue({ maxPending: 10, onError: (error) => errors.push(error) });
    const events: string[] = [];
    let running = 0;
    const turn = (name: string, ms: number) => async () => {
      running += 1;
      expect(running).toBe(1);
      events.push(`start ${name}`);
      await sleep(ms);
      events.push(`end ${name}`);
      running -= 1;
    };
    queue.enqueue('a', turn('a1', 20));
    queue.enqueue('a', async () => {
      throw new Error('boom');
    });
    queue.enqueue('a', turn('a2', 1));
    let otherRan = false;
    queue.enqueue('b', async () => {
      otherRan = true;
    });
    await sleep(5);
    expect(otherRan).toBe(true);
    await queue.drain();
    expect(events).toEqual(['start a1', 'end a1', 'start a2', 'end a2']);
    expect(errors).toHaveLength(1);
  });

  it('has no room once too many turns wait', async () => {
    const queue = createTurnQueue({ maxPending: 2, onError: () => {} });
    queue.enqueue('a', () => sleep(10));
    expect(queue.hasRoom('a')).toBe(true);
    queue.enqueue('a', () => sleep(10));
    expect(queue.hasRoom('a')).toBe(false);
    expect(queue.hasRoom('b')).toBe(true);
    await queue.drain();
    expect(queue.hasRoom('a')).toBe(true);
  });
});
