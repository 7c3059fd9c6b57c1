// The message reader remembers what a repeated message to one storefront meant; a remembered
// reading must be the one a first reading gives, and never another storefront's.
import { beforeAll, describe, expect, it } from 'vitest';
import { BRAND_PROFILES } from '../../../knowledge/brands/index.js';
import { loadKnowledgeBase } from '../../../knowledge/knowledge-base.js';
import { TOPIC_PHRASES } from '../../../knowledge/understanding/phrases/index.js';
import { createMessageReader } from '../../../knowledge/understanding/read-message.js';
import { CONFIDENCE_THRESHOLD, createRecognizer } from '../../../knowledge/understanding/recognizer.js';
import { createQuestionResolver } from '../../../knowledge/understanding/resolve-question.js';

type Reader = ReturnType<typeof createMessageReader>;
let remembering: Reader;
let forgetful: Reader;
const NO_CONTEXT = { topic: null, awaiting: null };

beforeAll(async () => {
  const resolver = createQuestionResolver(loadKnowledgeBase({ profiles: BRAND_PROFILES }), TOPIC_PHRASES, CONFIDENCE_THRESHOLD);
  const [withMemo, withoutMemo] = await Promise.all([createRecognizer(), createRecognizer({ memoSize: 0 })]);
  remembering = createMessageReader({ recognizer: withMemo, resolver, confidenceThreshold: CONFIDENCE_THRESHOLD });
  forgetful = createMessageReader({ recognizer: withoutMemo, resolver, confidenceThreshold: CONFIDENCE_THRESHOLD });
});

describe('message reader memo', () => {
  it.each([
    'who do I talk to if support did not fix my problem?',
    'what is an RA number',
    'can rings go to norway, and is that free',
  ])('reads %j again, for each storefront, as a first reading does', async (text) => {
    for (const brand of ['james-avery-artisan', 'kendra-scott-mall', 'james-avery-artisan', 'generic-store'] as const) {
      const again = await remembering.read(brand, text, NO_CONTEXT);
      expect(again).toEqual(await forgetful.read(brand, text, NO_CONTEXT));
    }
  });

  it('takes the order number from each message, never from a remembered one', async () => {
    await remembering.read('kendra-scott-mall', 'where is KS-100234', NO_CONTEXT);
    const [other] = await remembering.read('kendra-scott-mall', 'where is KS-100235', NO_CONTEXT);
    expect(other?.understanding.entities.orderNumber).toBe('KS-100235');
  });
});
