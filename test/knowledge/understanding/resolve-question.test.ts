import { BRAND_PROFILES } from '../../../knowledge/brands/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrandId } from '../../../knowledge/brand-ids.js';
import { loadKnowledgeBase, type LoadedKnowledgeBase } from '../../../knowledge/knowledge-base.js';
import { FLOW_TOPICS, type Topic } from '../../../knowledge/topics.js';
import {
  CONFIDENCE_THRESHOLD,
  TOPIC_PHRASES,
  createQuestionResolver,
  createRecognizer,
  plausibleOptions,
  termAsked,
  type QuestionResolver,
  type Recognizer,
  type Understanding,
} from '../../../knowledge/understanding/index.js';

// The team's own messages, written for these tests (none from the measuring sets).
let kb: LoadedKnowledgeBase;
let recognizer: Recognizer;
let resolver: QuestionResolver;
beforeAll(async () => {
  kb = loadKnowledgeBase({ profiles: BRAND_PROFILES });
  recognizer = await createRecognizer();
  resolver = createQuestionResolver(kb, TOPIC_PHRASES, CONFIDENCE_THRESHOLD);
});

const resolve = async (brand: BrandId, text: string): Promise<Understanding> => resolver.resolve(brand, text, await recognizer.recognize(text));
const flows: readonly Topic[] = FLOW_TOPICS;

describe('a message outside what a jewelry store does', () => {
  it.each([
    'how many teaspoons of baking soda go in banana bread',
    'what is the exchange rate from pounds to yen right now',
    'who scored the winning goal in the derby on sunday',
    'will it snow in denver tomorrow morning',
    'set a reminder to water the plants at six',
    'what is the stock price of the big phone company',
    'how do I change the oil in a pickup truck',
  ])('"%s" is out of scope: no flow, no policy answer', async (text) => {
    const understood = await resolve('kendra-scott-mall', text);
    expect(understood.outcome?.kind).toBe('out_of_scope');
    expect(understood.topic).toBe('out_of_scope');
    expect(understood.confidence).toBeGreaterThanOrEqual(CONFIDENCE_THRESHOLD);
  });

  it('an order number keeps a message in scope, whatever its other words', async () => {
    const understood = await resolve('kendra-scott-mall', 'weather aside, where is KS-100234');
    expect(understood.outcome?.kind).toBe('topic');
    expect(understood.entities.orderNumber).toBe('KS-100234');
  });
});

describe('small talk', () => {
  it.each([
    ['greeting', 'hey there, how is your day going'],
    ['goodbye', 'ok I have to run now, see you'],
    ['thanks', 'thanks for the reply'],
    ['thanks', 'thank you for the answer, really helpful'],
    ['thanks', 'cheers for the help'],
    ['help', 'what sort of things can I ask you'],
    ['help', 'are you a bot?'],
  ] as const)('is %s: "%s"', async (topic, text) => {
    const understood = await resolve('james-avery-malls', text);
    expect(understood.topic).toBe(topic);
    expect(understood.outcome?.kind).toBe('topic');
  });

  it('"are you a bot?" is answered plainly, with a person one message away, and starts no handoff', async () => {
    const understood = await resolve('generic-store', 'are you a bot?');
    expect(understood.topic).toBe('help');
    expect(kb.answer('generic-store', 'help').text).toMatch(/automated.*a person on the team is one message away/s);
  });
});

describe('questions the documents answer beyond a topic', () => {
  const quotes = async (brand: BrandId, text: string) => {
    const understood = await resolve(brand, text);
    const outcome = understood.outcome;
    if (outcome?.kind !== 'passage') throw new Error(`"${text}" got ${outcome?.kind} ${understood.topic}, not a passage`);
    return outcome;
  };

  it('explains a term the documents define, and starts no return for it', async () => {
    const outcome = await quotes('james-avery-artisan', 'what is an RA number?');
    expect(outcome.passages[0]?.text).toContain('Return Authorization (RA) numbers');
    expect(outcome.passages[0]?.section).toBe('1');
    expect(flows).not.toContain(outcome.topic);
  });

  it('names the escalation path, from the topic\'s answer or the section itself', async () => {
    for (const question of ['how do I escalate a complaint?', 'what does escalation mean?']) {
      const understood = await resolve('james-avery-artisan', question);
      const outcome = understood.outcome;
      const cited = outcome?.kind === 'passage' ? outcome.passages.map((passage) => passage.section) : kb.answer('james-avery-artisan', understood.topic).sources.map((source) => source.section);
      const said = outcome?.kind === 'passage' ? outcome.passages.map((passage) => passage.text).join(' ') : kb.answer('james-avery-artisan', understood.topic).text;
      expect(cited, question).toContain('6');
      expect(said, question).toContain('service@jameseavery.com');
    }
  });

  it('quotes the holiday hours for a question about Christmas instead of tracking an order', async () => {
    const outcome = await quotes('james-avery-artisan', 'are you open on Christmas?');
    expect(outcome.passages[0]?.text).toContain('Christmas');
    expect(outcome.topic).not.toBe('order.tracking');
  });

  it('says what to put in an email so the team can help faster', async () => {
    const outcome = await quotes('kendra-scott-mall', 'what should I put in my email so you can help faster');
    expect(outcome.passages[0]?.text).toMatch(/^Inquiry Preparation:/);
  });

  it('finds the privacy policy on children and on payment data', async () => {
    expect((await quotes('james-avery-malls', 'can my 12 year old daughter create an account?')).passages[0]?.section).toBe('8');
    expect((await quotes('james-avery-malls', 'do you store my credit card details?')).passages[0]?.section).toBe('1.1');
  });

  it('quotes every sentence word for word from the brand\'s own documents, never another brand\'s', async () => {
    const questions = ['what is an RA number?', 'what does final sale mean?', 'are you open on Christmas?', 'do you use cookies?', 'how do I escalate a complaint?'];
    for (const brand of kb.brandIds) {
      const own = kb.documents(brand).map((document) => document.text.replace(/\s+/g, ' ')).join('\n');
      for (const question of questions) {
        const outcome = (await resolve(brand, question)).outcome;
        if (outcome?.kind !== 'passage') continue;
        for (const passage of outcome.passages) expect(own, `${brand}: ${passage.text}`).toContain(passage.text.replace(/^[^:]{1,50}: /, ''));
      }
    }
  });

  it('says the documents do not say, after searching them, for a term a brand does not use', async () => {
    const understood = await resolve('kendra-scott-mall', 'what is an RA number?');
    expect(understood.outcome).toEqual({ kind: 'topic', topic: 'policy.other', confidence: 1 });
    expect(kb.answer('kendra-scott-mall', 'policy.other').text).toMatch(/^Kendra Scott Mall's policy doesn't say/);
  });

  it('keeps the composed answer when the question asks no more than it states', async () => {
    const understood = await resolve('kendra-scott-mall', 'how long does a refund take');
    expect(understood.outcome).toMatchObject({ kind: 'topic', topic: 'refund.timeline' });
  });

  it('starts the flow a request asks for, whatever detail it adds', async () => {
    expect((await resolve('james-avery-malls', 'talk to a person, my ring arrived broken')).outcome).toMatchObject({ kind: 'topic', topic: 'handoff.human' });
  });
});

describe('"Did you mean…"', () => {
  it('offers only options that are each plausible', () => {
    const options = plausibleOptions([
      { topic: 'refund.status', confidence: 0.4 },
      { topic: 'refund.timeline', confidence: 0.3 },
      { topic: 'out_of_scope', confidence: 0.2 },
      { topic: 'product.care', confidence: 0.06 },
    ]);
    expect(options.map((option) => option.topic)).toEqual(['refund.status', 'refund.timeline']);
  });

  it('offers nothing when nothing is plausible', () => {
    expect(plausibleOptions([{ topic: 'order.place', confidence: 0.1 }, { topic: 'complaint', confidence: 0.09 }])).toEqual([]);
  });
});

describe('a question about a term', () => {
  it.each([
    ['what is an RA number?', 'RA number'],
    ['what does final sale mean', 'final sale'],
    ['explain the account portal', 'account portal'],
    ['what counts as urgent?', 'urgent'],
  ])('"%s" asks about "%s"', (text, term) => {
    expect(termAsked(text)).toBe(term);
  });

  it.each(['what is your return policy', 'what are your hours', 'what is the status of my order'])('"%s" asks for a fact, not a definition', (text) => {
    expect(termAsked(text)).toBeUndefined();
  });
});
