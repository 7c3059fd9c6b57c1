// The slot readers the learned models do not replace: a name at the name prompt, which detail a
// correction is about, and whether a message says enough to pass on.
import { describe, expect, it } from 'vitest';
import { readName, saysSomething, slotNamed } from '../../../knowledge/reading/slot-readers.js';

describe('a name at the name prompt', () => {
  it.each([
    ['Jane Doe', 'Jane Doe'],
    ['jane doe', 'Jane Doe'],
    ['my name is jane', 'Jane'],
    ["it's Casey Nguyen, thanks", 'Casey Nguyen'],
    ["I'm Mary-Jane O'Neil", "Mary-Jane O'Neil"],
    ['CASEY NGUYEN', 'Casey Nguyen'],
    ['Dr. Ana de la Cruz', 'Dr. Ana de la Cruz'],
  ])('%j → %j', (text, name) => {
    expect(readName(text)).toBe(name);
  });

  it.each(['jane@example.com', 'KS-100234', '12345', 'the one with the pink box and the silver chain that broke'])('%j is no name', (text) => {
    expect(readName(text)).toBeUndefined();
  });
});

describe('the detail a correction names', () => {
  it.each([
    ['change my email', 'email'],
    ['the name is wrong', 'name'],
    ['order number should be KS-100234', 'orderNumber'],
    ['change the description', 'description'],
    ['the message is not right', 'description'],
  ] as const)('%j → %s', (text, slot) => {
    expect(slotNamed(text)).toBe(slot);
  });

  it('names none in a plain yes', () => {
    expect(slotNamed('yes send it')).toBeUndefined();
  });
});

describe('saying something a person could act on', () => {
  it.each(['broken', 'the clasp snapped'])('%j does', (text) => {
    expect(saysSomething(text)).toBe(true);
  });

  it.each(['ok', '??', ''])('%j does not', (text) => {
    expect(saysSomething(text)).toBe(false);
  });
});
