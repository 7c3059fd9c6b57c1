// The recognizer remembers recent readings of the same words; what a shopper typed that is
// theirs alone (order numbers, emails) must still come from their own message every time.
import { beforeAll, describe, expect, it } from 'vitest';
import { createRecognizer, type Recognizer } from '../../../knowledge/understanding/index.js';

let remembering: Recognizer;
let forgetful: Recognizer;

beforeAll(async () => {
  [remembering, forgetful] = await Promise.all([createRecognizer(), createRecognizer({ memoSize: 0 })]);
});

describe('recognizer memo', () => {
  it('reads a repeated message the same way it read it the first time', async () => {
    const first = await remembering.recognize('how long until my refund shows up');
    const again = await remembering.recognize('How long until my refund shows up?');
    expect(again).toEqual(first);
    expect(again).toEqual(await forgetful.recognize('how long until my refund shows up'));
  });

  it('takes the order number and email from each message, never from a remembered one', async () => {
    const mine = await remembering.recognize('where is order KS-100234, my email is ana@example.com');
    const theirs = await remembering.recognize('where is order KS-100999, my email is bo@example.com');
    expect(theirs.topic).toBe(mine.topic);
    expect(mine.entities).toEqual({ orderNumber: 'KS-100234', email: 'ana@example.com' });
    expect(theirs.entities).toEqual({ orderNumber: 'KS-100999', email: 'bo@example.com' });
  });

  it('hands out readings no turn can change for the next shopper', async () => {
    const reading = await remembering.recognize('can I pay with paypal');
    expect(() => {
      (reading.ranked[0] as { confidence: number }).confidence = 0;
    }).toThrow(TypeError);
    expect((await remembering.recognize('can I pay with paypal')).ranked[0]?.confidence).toBeGreaterThan(0);
  });
});
