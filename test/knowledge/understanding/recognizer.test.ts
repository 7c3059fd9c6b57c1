import { beforeAll, describe, expect, it } from 'vitest';
import { RESOLVER_TOPICS, TOPIC_CHOICES, TOPICS, type Topic } from '../../../knowledge/topics.js';

// policy.other is given by the resolver from the documents, never by the recognizer.
const RECOGNIZED_TOPICS = TOPICS.filter((topic) => !(RESOLVER_TOPICS as readonly Topic[]).includes(topic));
import {
  CONFIDENCE_THRESHOLD,
  TOPIC_PHRASES,
  createRecognizer,
  type Recognizer,
} from '../../../knowledge/understanding/index.js';

// The team's own phrasings, written for these tests and kept apart from the training phrases
// (a test below checks that none of them is in the phrase table).
const PHRASINGS: ReadonlyArray<readonly [Topic, string]> = [
  ['greeting', 'hey hello'],
  ['greeting', 'good morning to you'],
  ['help', 'what sort of things can you help with'],
  ['help', 'what can this assistant do for me'],
  ['thanks', 'thanks so much for that'],
  ['thanks', 'cheers, that helps a lot'],
  ['goodbye', 'ok bye for now'],
  ['goodbye', 'that will be all, goodbye'],
  ['order.tracking', 'where is my package right now'],
  ['order.tracking', 'has my necklace been shipped yet'],
  ['order.tracking', 'can I get an update on order KS-100234'],
  ['order.cancel', 'please cancel the bracelet order I placed this morning'],
  ['order.cancel', 'how do I cancel order #3310492'],
  ['order.change', 'I need to change the size on my ring order'],
  ['order.change', 'can I update the shipping address on my order'],
  ['order.place', 'how can I buy the gold hoops'],
  ['order.place', "I'd like to put in an order for a charm bracelet"],
  ['order.invoice', 'can you email me an invoice for my last order'],
  ['order.invoice', 'I need a receipt for tax purposes'],
  ['shipping.timeline', 'how many days does standard shipping usually take'],
  ['shipping.timeline', 'do you have a faster shipping option'],
  ['shipping.cost', 'what do you charge for shipping'],
  ['shipping.cost', 'is delivery free on small orders'],
  ['shipping.international', 'can you send my order to Canada'],
  ['shipping.international', 'do I pay import duties in the UK'],
  ['shipping.problem', 'my parcel says delivered but it is not here'],
  ['shipping.problem', 'my package is over a week late'],
  ['returns.start', 'these earrings are not for me, how do I send them back'],
  ['returns.start', 'I want to return these earrings I got as a gift'],
  ['returns.policy', 'how long do I have to send something back'],
  ['returns.policy', 'what is the return window for necklaces'],
  ['returns.shipping', 'do I have to pay the postage to return an item'],
  ['returns.shipping', 'will you send me a prepaid label for my return'],
  ['refund.timeline', 'how many days until a refund reaches my card'],
  ['refund.timeline', 'how long does a refund usually take to process'],
  ['refund.status', 'I sent my return two weeks ago and still no refund'],
  ['refund.status', 'has my refund gone through yet'],
  ['product.issue', 'the chain on my necklace arrived broken'],
  ['product.issue', 'you sent me the wrong ring size'],
  ['product.info', 'is the pendant made of sterling silver'],
  ['product.info', 'are these earrings hypoallergenic'],
  ['product.care', 'what is the best way to clean a silver ring'],
  ['product.care', 'can I wear my bracelet in the shower'],
  ['product.custom', 'can you engrave initials on a locket'],
  ['product.custom', 'do you make custom pieces'],
  ['product.final_sale', 'can I send back something I bought on final sale'],
  ['product.final_sale', 'are clearance pieces returnable'],
  ['payment.methods', 'can I pay with apple pay'],
  ['payment.methods', 'do you take paypal'],
  ['payment.issue', 'my card keeps getting declined at checkout'],
  ['payment.issue', 'I was charged two times for one order'],
  ['account.help', 'I forgot the password to my account'],
  ['account.help', 'how do I make an account'],
  ['account.delete', 'please close my account permanently'],
  ['account.delete', 'I want my account deleted'],
  ['privacy.policy', 'what do you do with my personal information'],
  ['privacy.policy', 'do you share my data with other companies'],
  ['privacy.marketing', 'take me off your email list'],
  ['privacy.marketing', 'how do I sign up for your newsletter'],
  ['contact.channels', 'what email address can I write to'],
  ['contact.channels', 'is there a phone number for customer support'],
  ['contact.hours', 'when is your support team open'],
  ['contact.hours', 'are you open on saturdays'],
  ['contact.response_time', 'how long will it take for someone to reply to my email'],
  ['contact.response_time', 'when will support answer me'],
  ['complaint', 'I want to file a complaint about the service I got'],
  ['complaint', "I'm really unhappy with how my order was handled"],
  ['feedback', 'I would love to leave a review of my bracelet'],
  ['feedback', 'where can I rate your store'],
  ['handoff.human', 'can I speak with a real person please'],
  ['handoff.human', 'get me a human, this is going nowhere'],
  ['out_of_scope', 'what is the weather in boston'],
  ['out_of_scope', 'who won the super bowl'],
];

// The requests the flows start from, as the issue words them.
const FLOW_REQUESTS: ReadonlyArray<readonly [Topic | readonly Topic[], string]> = [
  ['order.tracking', 'where is my order'],
  ['returns.start', 'I want to return my ring'],
  ['handoff.human', 'talk to a human'],
  [['returns.start', 'returns.policy', 'refund.status', 'refund.timeline'], 'I want my money back'],
  ['returns.start', 'I want a refund'],
];

const TYPOS_AND_RUN_ONS: ReadonlyArray<readonly [Topic, string]> = [
  ['order.tracking', 'trackmyorder pls'],
  ['order.tracking', 'wheres my pakage'],
  ['order.cancel', 'i wanna cancle my ordr'],
  ['returns.start', 'howdo i return these earings'],
  ['refund.status', 'were is my refund??'],
  ['privacy.marketing', 'unsubscibe me from emails'],
  ['account.help', 'forgotmy pasword'],
  ['handoff.human', 'i need to tlak to a humna'],
  ['payment.methods', 'waht payment methos do u acept'],
  ['product.issue', 'my necklace arived brokn'],
  ['shipping.timeline', 'hw long dose shipping tke'],
  ['order.change', 'i wnat to chnage my adress'],
  ['order.tracking', 'teh status of my order'],
];

const OUT_OF_SCOPE = [
  'will it be sunny in denver this weekend',
  'find me a flight from chicago to miami',
  'give me a good recipe for banana bread',
  'what is 12 times 12',
  'how do I make pancakes',
  'what was the score in the hockey game',
  'asdf qwerty zxcv',
];

const RAMBLING: ReadonlyArray<readonly [Topic, string]> = [
  [
    'order.tracking',
    "Hi there, so I hope you are having a good day, I wanted to reach out because a couple of weeks ago I ordered a really pretty silver necklace for my sister's birthday which is coming up on Saturday and I have been checking my email every day but I still have no idea where the package is or whether it has even shipped, could you please tell me where my order is? the number is KS-100234, thanks so much",
  ],
  [
    'shipping.international',
    'hello! quick question, I am thinking about getting a ring for my girlfriend but I live in Germany and I was wondering whether you ship there at all and if I would need to pay customs or import taxes on top of the price',
  ],
  [
    'product.issue',
    'so I have been a customer for years and I always loved your stuff but this time the bracelet I got had a broken clasp right out of the box and the stone was loose too and I am honestly pretty disappointed what can you do about it',
  ],
  [
    'payment.issue',
    'I tried to pay three times last night with my visa and every time the checkout page said the payment failed even though my bank says the money is there and now I am worried I got charged anyway',
  ],
  [
    'account.help',
    "hey, sorry for the long message, I made an account last year but now I can't remember which email I used and the password reset thing doesn't send me anything, I've tried a few times, can someone help me get back into my account please",
  ],
];

const plain = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

describe('recognizer (default engine)', () => {
  let recognizer: Recognizer;
  beforeAll(async () => {
    recognizer = await createRecognizer();
  });

  it('has phrasings of its own for every topic, none of them a training phrase', () => {
    expect(new Set(PHRASINGS.map(([topic]) => topic))).toEqual(new Set(RECOGNIZED_TOPICS));
    const training = new Set(Object.values(TOPIC_PHRASES).flat().map(plain));
    expect(PHRASINGS.filter(([, text]) => training.has(plain(text)))).toEqual([]);
  });

  it.each(PHRASINGS)('routes to %s: "%s"', async (topic, text) => {
    expect((await recognizer.recognize(text)).topic).toBe(topic);
  });

  it.each(FLOW_REQUESTS)('routes the flow request to %s: "%s"', async (topics, text) => {
    expect([topics].flat()).toContain((await recognizer.recognize(text)).topic);
  });

  it.each(TYPOS_AND_RUN_ONS)('sees through typos and run-on words, %s: "%s"', async (topic, text) => {
    expect((await recognizer.recognize(text)).topic).toBe(topic);
  });

  it.each(OUT_OF_SCOPE)('puts "%s" out of scope', async (text) => {
    expect((await recognizer.recognize(text)).topic).toBe('out_of_scope');
  });

  it.each(RAMBLING)('finds the request in a long, rambling message (%s)', async (topic, text) => {
    expect((await recognizer.recognize(text)).topic).toBe(topic);
  });

  it('routes every suggested-action value back to its topic', async () => {
    const misrouted: string[] = [];
    for (const topic of RECOGNIZED_TOPICS) {
      const { value } = TOPIC_CHOICES[topic];
      const understood = await recognizer.recognize(value);
      if (understood.topic !== topic) misrouted.push(`${value} → ${understood.topic} (want ${topic})`);
    }
    expect(misrouted).toEqual([]);
  });

  it('gives a confidence and at most five ranked topics, best first, starting with the topic', async () => {
    for (const text of ['where is my order', 'hmm', 'refund', 'I want to cancel my order and get a refund']) {
      const understood = await recognizer.recognize(text);
      expect(understood.ranked.length).toBeGreaterThan(0);
      expect(understood.ranked.length).toBeLessThanOrEqual(5);
      expect(understood.ranked[0]).toEqual({ topic: understood.topic, confidence: understood.confidence });
      for (const { confidence } of understood.ranked) {
        expect(confidence).toBeGreaterThanOrEqual(0);
        expect(confidence).toBeLessThanOrEqual(1);
      }
      const confidences = understood.ranked.map(({ confidence }) => confidence);
      expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    }
  });

  it('is confident about a clear request and not about a vague one', async () => {
    for (const clear of ['where is my order KS-100234', 'I want to return something', 'talk to a human', 'how long do refunds take']) {
      expect((await recognizer.recognize(clear)).confidence, clear).toBeGreaterThanOrEqual(CONFIDENCE_THRESHOLD);
    }
    expect((await recognizer.recognize('hello, I need help with my order')).confidence).toBeLessThan(CONFIDENCE_THRESHOLD);
    const refund = await recognizer.recognize('refund');
    expect(refund.ranked.slice(0, 3).map(({ topic }) => topic)).toEqual(expect.arrayContaining(['returns.start', 'refund.status']));
  });

  it('answers empty and symbol-only messages with out_of_scope', async () => {
    for (const text of ['', '   ', '?!', '😀']) expect((await recognizer.recognize(text)).topic).toBe('out_of_scope');
  });

  it('returns the entities with the topic', async () => {
    const understood = await recognizer.recognize('hi, my order #3310492 has not arrived, my email is Jo.Doe@Example.com');
    expect(understood.entities).toEqual({ orderNumber: '3310492', email: 'jo.doe@example.com' });
    expect((await recognizer.recognize('track order 00123842')).entities).toEqual({ orderNumber: '00123842' });
    expect((await recognizer.recognize('where is my order')).entities).toEqual({});
  });
});

describe.each(['nlp', 'fuse'] as const)('recognizer with the %s engine alone', (engine) => {
  let recognizer: Recognizer;
  beforeAll(async () => {
    recognizer = await createRecognizer({ engine });
  });

  it.each([
    ['order.tracking', 'where is my package right now'],
    ['handoff.human', 'can I speak with a real person please'],
    ['account.delete', 'please close my account permanently'],
  ] as const)('routes to %s: "%s"', async (topic, text) => {
    expect((await recognizer.recognize(text)).topic).toBe(topic);
  });
});
