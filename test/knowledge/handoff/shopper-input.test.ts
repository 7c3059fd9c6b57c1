import { describe, expect, it } from 'vitest';

import { readCorrection, readName, readYesNo, saysNoOrderNumber } from '../../../knowledge/handoff/shopper-input.js';
import { saysItsUrgent } from '../../../knowledge/handoff/urgent-words.js';

describe('readName', () => {
  it.each([
    ['Jane Doe', 'Jane Doe'],
    ['my name is Jane Doe', 'Jane Doe'],
    ["I'm jane o'neil", "Jane O'Neil"],
    ['JOSÉ ÁLVAREZ-RUIZ', 'José Álvarez-Ruiz'],
    ['Mary-Kate van der Berg.', 'Mary-Kate van der Berg'],
    ['it’s Zoë', 'Zoë'],
  ])('%s → %s', (text, name) => {
    expect(readName(text)).toBe(name);
  });

  it.each(['jane@example.com', 'why do you need that?', 'KS-100234', 'no', 'I want to talk to a person', '12345', '', 'a b c d e f g'])('not a name: %j', (text) => {
    expect(readName(text)).toBeUndefined();
  });
});

describe('saysNoOrderNumber', () => {
  it('hears "I don\'t have one" in its everyday forms', () => {
    for (const text of ["I don't have one", 'no', 'None.', 'not sure', "sorry, I can't find it", "I don't have the order number"]) {
      expect(saysNoOrderNumber(text)).toBe(true);
    }
    expect(saysNoOrderNumber('KS-100234')).toBe(false);
    expect(saysNoOrderNumber('my necklace broke and I have no idea why it happened after wearing it twice')).toBe(false);
  });
});

describe('readYesNo', () => {
  it.each([
    ['yes', 'yes'], ['Yes please', 'yes'], ['yep, looks good', 'yes'], ['correct', 'yes'], ['send it', 'yes'], ['try again', 'yes'],
    ['no', 'no'], ['Nope.', 'no'], ["that's wrong", 'no'], ["don't send it", 'no'],
    ['yes but change my email', undefined], ['maybe', undefined], ['my ring broke', undefined],
  ])('%s → %s', (text, answer) => {
    expect(readYesNo(text)).toBe(answer);
  });
});

describe('readCorrection', () => {
  it.each([
    ['change my email', { slot: 'email' }],
    ['the email is wrong', { slot: 'email' }],
    ['my email is actually jane.d@example.com', { slot: 'email', value: 'jane.d@example.com' }],
    ['jane.d@example.com', { slot: 'email', value: 'jane.d@example.com' }],
    ['the name is wrong', { slot: 'name' }],
    ['change my name to Jane Smith', { slot: 'name', value: 'Jane Smith' }],
    ['change the order number', { slot: 'orderNumber' }],
    ['the order number should be KS-100235', { slot: 'orderNumber', value: 'KS-100235' }],
    ['remove the order number', { slot: 'orderNumber', none: true }],
    ['change the description', { slot: 'description' }],
    ['email', { slot: 'email' }],
  ])('%s → %j', (text, correction) => {
    expect(readCorrection(text)).toEqual(correction);
  });

  it.each(['yes', 'no', 'thanks', 'my name is in the order'])('not a correction: %s', (text) => {
    expect(readCorrection(text)).toBeUndefined();
  });
});

describe('saysItsUrgent', () => {
  it.each([
    ["it's urgent", true], ['URGENT please', true], ['I need this asap', true], ['as soon as possible please', true],
    ['this is an emergency', true], ["it's time-sensitive, the wedding is Saturday", true], ['please hurry', true],
    ["it's not urgent", false], ['no rush', false], ['not an emergency, just curious', false], ['non-urgent question', false],
    ['whenever you can', false], ['it broke right away', false], ['where is my order', false],
  ])('%s → %s', (text, urgent) => {
    expect(saysItsUrgent(text)).toBe(urgent);
  });
});
