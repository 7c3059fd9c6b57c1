import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newConversationId, say, startClasp, type RunningClasp } from '../support/clasp-server.js';

// What a shopper sees for each way a message can end, through the real server. The team's own
// messages, written for this test.
let app: RunningClasp;
beforeAll(async () => {
  app = await startClasp();
});
afterAll(async () => {
  await app.close();
});

const support = (reply: { channelData?: { support?: unknown } } | undefined) =>
  reply?.channelData?.support as { topic: string; sources: Array<{ document: string; section: string }>; awaiting: string | null; confidence: number };

describe('out of scope', () => {
  it.each([
    ['kendra-scott-mall', 'how long should I roast a chicken for'],
    ['james-avery-malls', 'what is the exchange rate for euros today'],
    ['generic-store', 'who won the hockey game last night'],
  ])('%s: "%s" gets an honest "I can help with…", no flow and no "Did you mean"', async (brand, text) => {
    const id = newConversationId();
    const [reply, ...rest] = await say(app.url, brand, id, text);
    expect(rest).toEqual([]);
    expect(support(reply).topic).toBe('out_of_scope');
    expect(support(reply).sources).toEqual([]);
    expect(support(reply).awaiting).toBeNull();
    expect(reply?.text).toMatch(/^That's outside what I can help with here\. I can help with /);
    expect(reply?.text).not.toMatch(/Did you mean|order number/i);
    // The conversation is not in a flow: the next message is read on its own.
    const [next] = await say(app.url, brand, id, 'how long does delivery take?');
    expect(support(next).topic).toBe('shipping.timeline');
  });
});

describe('small talk', () => {
  it.each([
    ['thanks for the reply', 'thanks'],
    ['thank you for the answer!', 'thanks'],
    ['what can you do?', 'help'],
    ['bye for now', 'goodbye'],
  ])('"%s" is answered as %s', async (text, topic) => {
    const [reply] = await say(app.url, 'james-avery-malls', newConversationId(), text);
    expect(support(reply).topic).toBe(topic);
    expect(support(reply).sources).toEqual([]);
  });

  it('"are you a bot?" says plainly it is an automated assistant, a person one message away, and asks for nothing', async () => {
    const [reply] = await say(app.url, 'kendra-scott-mall', newConversationId(), 'are you a bot?');
    expect(support(reply).topic).toBe('help');
    expect(support(reply).awaiting).toBeNull();
    expect(reply?.text).toMatch(/automated support assistant/);
    expect(reply?.text).toMatch(/a person on the team is one message away/);
  });
});

describe('passages', () => {
  it('"what is an RA number?" is answered from the documents, cites the section and starts no return', async () => {
    const [reply, ...rest] = await say(app.url, 'james-avery-artisan', newConversationId(), 'what is an RA number?');
    expect(rest).toEqual([]);
    expect(reply?.text).toContain('Return Authorization (RA) numbers');
    expect(support(reply).sources).toContainEqual({ document: 'customer-service-policy', section: '1' });
    expect(support(reply).awaiting).toBeNull();
  });

  it('a question about children\'s accounts is answered from the privacy policy, not "doesn\'t say"', async () => {
    const [reply] = await say(app.url, 'james-avery-malls', newConversationId(), 'can my 12 year old daughter create an account?');
    expect(reply?.text).toContain('children under the age of 13');
    expect(support(reply).sources).toContainEqual({ document: 'privacy-policy', section: '8' });
  });

  it('a brand whose documents do not use a term never makes up what it means', async () => {
    const [reply] = await say(app.url, 'generic-store', newConversationId(), 'what is an RA number?');
    expect(reply?.text).not.toContain('Return Authorization');
    expect(support(reply).awaiting).toBeNull();
  });
});

describe('another language', () => {
  it.each([
    ['kendra-scott-mall', '¿Dónde está mi pedido? Lo compré hace dos semanas', /^Lo siento, solo puedo leer inglés\..*support@kendrascottmall\.com/],
    ['kendra-scott-mall', 'Bonjour, je voudrais retourner ma bague', /^Désolé, je ne lis que l'anglais\..*support@kendrascottmall\.com/],
    ['james-avery-malls', 'Olá, quero cancelar o meu pedido', /^Desculpe, só consigo ler inglês\..*support@jamesaverymalls\.com/],
    ['james-avery-artisan', 'Hallo, wo ist meine Bestellung?', /^Entschuldigung, ich kann nur Englisch lesen\..*www\.jameseavery\.com/],
    ['generic-store', '你好，我的订单在哪里？', /^抱歉，我只能阅读英文。.*Contact Us/],
  ])('%s: "%s" gets one line in that language with the team\'s contact', async (brand, text, line) => {
    const [reply, ...rest] = await say(app.url, brand, newConversationId(), text);
    expect(rest).toEqual([]);
    expect(reply?.text).toMatch(line);
    expect(reply?.text).not.toContain('\n');
  });

  it.each(['ok', 'thx', 'yes pls', 'KS-100234', 'shopper@example.com'])('"%s" is never read as another language', async (text) => {
    const [reply] = await say(app.url, 'kendra-scott-mall', newConversationId(), text);
    expect(reply?.text).not.toMatch(/solo puedo|je ne lis|só consigo|nur Englisch|只能阅读|only read English/);
  });
});
