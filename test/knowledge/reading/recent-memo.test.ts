import { describe, expect, it } from 'vitest';
import { createRecentMemo } from '../../../knowledge/reading/recent-memo.js';

describe('createRecentMemo', () => {
  it('forgets the least recently used entry, not the oldest one asked for again', () => {
    const memo = createRecentMemo<number>(2);
    memo.set('a', 1);
    memo.set('b', 2);
    expect(memo.get('a')).toBe(1);
    memo.set('c', 3);
    expect(memo.get('b')).toBeUndefined();
    expect(memo.get('a')).toBe(1);
    expect(memo.get('c')).toBe(3);
  });

  it('keeps nothing with a size of 0', () => {
    const memo = createRecentMemo<number>(0);
    memo.set('a', 1);
    expect(memo.get('a')).toBeUndefined();
  });
});
