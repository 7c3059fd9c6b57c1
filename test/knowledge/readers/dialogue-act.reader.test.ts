import { describe, expect, it } from 'vitest';
import { asksToRepeat, isHesitation, readYesNo, saysCannotGive, soundsLikeCorrection } from '../../../knowledge/readers/dialogue-act.reader.js';

describe('readYesNo: the everyday forms', () => {
  it.each([
    'yes', 'Yes please', 'yes please do that', 'sure', 'Sure, do that', 'ok pass it on', 'okay', 'yep!', 'yeah that would be great',
    'go ahead', 'please do', 'sounds good', 'absolutely', 'of course', '👍', 'yes, thanks', 'alright', 'k',
  ])('%j is a yes', (text) => {
    expect(readYesNo(text)).toBe('yes');
  });

  it.each(['no', 'no thanks', 'Nope.', 'nah', 'not now', "I'm good", "that's all", 'no need', 'maybe later', "don't", 'no, thank you'])('%j is a no', (text) => {
    expect(readYesNo(text)).toBe('no');
  });

  it.each(['yes but change my email', 'maybe', 'my ring broke', 'yes, actually wait', 'where is my order', 'ok so how long does shipping take'])(
    '%j is neither',
    (text) => {
      expect(readYesNo(text)).toBeUndefined();
    },
  );
});

describe('the other acts', () => {
  it.each(['can you say that again?', 'repeat that please', 'say again', 'sorry what?', 'what did you say'])('%j asks to repeat', (text) => {
    expect(asksToRepeat(text)).toBe(true);
  });

  it('does not take a question about the policy for a repeat', () => {
    expect(asksToRepeat('can you say what the return window is')).toBe(false);
  });

  it.each([
    ["I don't have the order number", 'orderNumber'],
    ['I deleted the email', 'email'],
    ["i dont remember which email i used", 'email'],
    ["sorry I can't find it", 'orderNumber'],
    ['no idea', 'orderNumber'],
  ] as const)('%j cannot give the %s', (text, slot) => {
    expect(saysCannotGive(text, slot)).toBe(true);
  });

  it('does not hear "I can\'t" in a description of a problem', () => {
    expect(saysCannotGive('KS-100234', 'orderNumber')).toBe(false);
    expect(saysCannotGive('the clasp broke and I can not close it anymore, it happened the first time I wore it and I really need it fixed for a wedding', 'orderNumber')).toBe(false);
  });

  it.each(['oops I meant riley@example.com', 'actually it is KS-100234', 'sorry, typo: jane@example.com', 'I meant the other one'])('%j is a correction', (text) => {
    expect(soundsLikeCorrection(text)).toBe(true);
  });

  it.each(['actually wait', 'hold on', 'Wait...', 'hmm', 'one sec'])('%j is hesitation, not an answer', (text) => {
    expect(isHesitation(text)).toBe(true);
  });

  it('does not take a real description for hesitation', () => {
    expect(isHesitation('wait, the box was empty when it arrived')).toBe(false);
  });
});
