// Through the real server: the order-verification lockout counts a client's wrong guesses on every
// brand together, so a client locked out on one storefront does not get a fresh allowance on each
// of the others (one deployment serves them all from the same addresses).
import { afterEach, describe, expect, it } from 'vitest';
import { newConversationId, say, startClasp, type RunningClasp } from '../support/clasp-server.js';

let app: RunningClasp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function verify(url: string, brand: string, orderNumber: string, email: string): Promise<'locked' | 'verified' | 'notMatched'> {
  const id = newConversationId();
  await say(url, brand, id, `track ${orderNumber}`);
  const [reply] = await say(url, brand, id, email);
  if (/too many order lookups/.test(reply?.text ?? '')) return 'locked';
  return new RegExp(`${orderNumber} (has|is|was)`).test(reply?.text ?? '') ? 'verified' : 'notMatched';
}

describe('the verification lockout', () => {
  it('locked on one brand is locked on every other brand', async () => {
    app = await startClasp({ VERIFY_FAILURES_PER_CLIENT: '3' });
    const outcomes = [];
    for (let guess = 0; guess < 4; guess += 1) outcomes.push(await verify(app.url, 'kendra-scott-mall', 'KS-100234', `guess-${guess}@example.com`));
    expect(outcomes).toEqual(['notMatched', 'notMatched', 'notMatched', 'locked']);
    // The right number and email on another storefront are refused too, and no guess is looked up.
    const elsewhere = {
      'generic-store': await verify(app.url, 'generic-store', 'GS-331041', 'jordan@example.com'),
      'james-avery-malls': await verify(app.url, 'james-avery-malls', 'JAM-204811', 'jordan@example.com'),
      'james-avery-artisan': await verify(app.url, 'james-avery-artisan', 'JAA-530121', 'guess@example.com'),
    };
    console.info(`after lockout on kendra-scott-mall: ${JSON.stringify(elsewhere)}`);
    expect(elsewhere).toEqual({ 'generic-store': 'locked', 'james-avery-malls': 'locked', 'james-avery-artisan': 'locked' });
  });

  it('counts wrong guesses spread over brands together, a right one giving its attempt back', async () => {
    app = await startClasp({ VERIFY_FAILURES_PER_CLIENT: '3' });
    expect(await verify(app.url, 'kendra-scott-mall', 'KS-100234', 'guess-1@example.com')).toBe('notMatched');
    expect(await verify(app.url, 'generic-store', 'GS-331041', 'jordan@example.com')).toBe('verified');
    expect(await verify(app.url, 'james-avery-malls', 'JAM-204811', 'guess-2@example.com')).toBe('notMatched');
    expect(await verify(app.url, 'james-avery-artisan', 'JAA-530121', 'guess-3@example.com')).toBe('notMatched');
    expect(await verify(app.url, 'kendra-scott-mall', 'KS-100234', 'shopper@example.com')).toBe('locked');
  });
});
