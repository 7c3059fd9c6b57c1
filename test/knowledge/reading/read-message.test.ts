// The Reading step with the trained models: what a message becomes in its conversation. Each
// case is something a shopper would notice going wrong; none of these lines is a training line.
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../knowledge/reading/reading.types.js';
import { contextOf, createReader } from '../../support/reading.js';

const reader = createReader();

async function commands(text: string, fields: Parameters<typeof contextOf>[0] = {}): Promise<Command[]> {
  return (await reader.read(text, contextOf(fields))).commands.map(({ command }) => command);
}

describe('a message outside any flow', () => {
  it('starts tracking with the order number it carries', async () => {
    const reading = await reader.read('hey could you see where KS-100234 has got to', contextOf());
    expect(reading.commands.map(({ command }) => command)).toEqual([expect.objectContaining({ kind: 'start', flow: 'tracking' })]);
    expect(reading.slots.orderNumber).toBe('KS-100234');
  });

  it('keeps both identifiers when they come together', async () => {
    const reading = await reader.read('pls check ks100234 for me, the email on it is shopper@example.com', contextOf());
    expect(reading.slots).toMatchObject({ orderNumber: 'KS100234', email: 'shopper@example.com' });
  });

  it('answers two questions of one message, in order', async () => {
    expect(await commands('do your rings ship to australia and what does delivery cost?')).toEqual([
      expect.objectContaining({ kind: 'answer', topic: 'shipping.international' }),
      expect.objectContaining({ kind: 'answer', topic: 'shipping.cost' }),
    ]);
  });

  it('never answers a question opened by a greeting with the greeting alone', async () => {
    const read = await commands('hellooo! quick one - do u do gift bags');
    expect(read.length).toBeGreaterThan(0);
    expect(read).not.toContainEqual(expect.objectContaining({ kind: 'smallTalk', talk: 'greeting' }));
  });

  it('reads a second question that points back as being about the first, not about the last answer', async () => {
    const afterShipping = { lastTopic: 'shipping.international' as const };
    expect(await commands('do you engrave? how much is it', afterShipping)).toEqual([expect.objectContaining({ kind: 'answer', topic: 'product.custom' })]);
    expect(await commands('how long does shipping take and is it free', afterShipping)).toEqual([
      expect.objectContaining({ kind: 'answer', topic: 'shipping.timeline' }),
      expect.objectContaining({ kind: 'answer', topic: 'shipping.cost' }),
    ]);
  });

  it('reads a problem reported with a question about it that settles nothing alone as the problem', async () => {
    expect(await commands('the clasp is bent, how soon do i need to say something', { brand: 'james-avery-artisan' })).toEqual([
      expect.objectContaining({ kind: 'answer', topic: 'product.issue' }),
    ]);
  });

  it('answers the question after a lead-in that points back at the last answer', async () => {
    expect(await commands("forget that, what's your phone number", { lastTopic: 'returns.policy' })).toContainEqual(
      expect.objectContaining({ kind: 'answer', topic: 'contact.channels' }),
    );
  });

  it('answers the question after a lead-in, and nothing for the lead-in', async () => {
    // Read on its own, "just checking" asks to track an order and "one more thing" is feedback.
    expect(await commands('just checking, do returned items need their tags?')).toEqual([expect.objectContaining({ kind: 'answer', topic: 'returns.policy' })]);
    expect(await commands('one more thing, what does it cost to ship to you?')).not.toContainEqual(expect.objectContaining({ topic: 'feedback' }));
  });

  it('never answers a question opened by a greeting without a stop with the greeting alone', async () => {
    expect(await commands('helloo there do u guys have a shop in austin')).not.toContainEqual({ kind: 'smallTalk', talk: 'greeting' });
    // A greeting that asks nothing else stays one.
    expect(await commands('hi there hope ur well')).toEqual([{ kind: 'smallTalk', talk: 'greeting' }]);
  });

  it('never offers manners as a guess in a "Did you mean…"', async () => {
    const [read] = await commands('yo! so um gift bags?');
    expect(read?.kind).toBe('clarify');
    const offered = read?.kind === 'clarify' ? read.options.map(({ topic }) => topic) : [];
    expect(offered).not.toContain('greeting');
  });

  it('reads a question through its typos', async () => {
    expect(await commands('hw long dose shiping tak to canda')).toEqual([expect.objectContaining({ kind: 'answer', topic: 'shipping.international' })]);
    expect(await commands('waht is ur polcy on retruns')).toEqual([expect.objectContaining({ kind: 'answer', topic: 'returns.policy' })]);
  });

  it('says another domain is out of scope', async () => {
    expect(await commands('can you recommend a good pizza place near the mall')).toEqual([expect.objectContaining({ kind: 'outOfScope' })]);
  });

  it('says plainly it is an automated assistant when asked', async () => {
    expect(await commands('hold on, are you an actual human or software?')).toEqual([{ kind: 'smallTalk', talk: 'identity' }]);
  });

  it('answers another language in that language, and casual English in English', async () => {
    expect(await commands('Hola, quisiera saber cuándo llega mi pedido por favor')).toEqual([{ kind: 'notEnglish', language: 'es' }]);
    expect(await commands('r u open christmas eve? lol')).not.toContainEqual(expect.objectContaining({ kind: 'notEnglish' }));
  });

  it('hears a request for a person inside a report, with the problem and the urgency', async () => {
    const reading = await reader.read('get me someone from your team, the bracelet came bent and I need this fixed asap', contextOf());
    // What it says beside the request goes with it, for the team.
    expect(reading.commands.map(({ command }) => command)).toEqual([{ kind: 'person', words: 'get me someone from your team, the bracelet came bent and I need this fixed asap' }]);
    expect(reading.facts).toMatchObject({ problem: 'damaged_on_arrival', urgent: true });
    expect((await reader.read('can i talk to a real person please', contextOf())).commands.map(({ command }) => command)).toEqual([{ kind: 'person' }]);
  });

  it('keeps a handoff detail typed at another of its questions', async () => {
    const handoff = (awaiting: 'name' | 'email' | 'orderNumber') => contextOf({ awaiting, flow: 'handoff' });
    expect(await commands('Lee Wong', { awaiting: 'email', flow: 'handoff' })).toEqual([{ kind: 'correct', slot: 'name', slots: { name: 'Lee Wong' } }]);
    expect((await reader.read('the stones fell out of my ring after two days', handoff('name'))).commands.map(({ command }) => command)).toEqual([
      { kind: 'fill', slots: { description: 'the stones fell out of my ring after two days' } },
    ]);
    // A name after an "ok, thanks" is still the name.
    expect(await commands('ok thanks. Mo Diaz', { awaiting: 'name', flow: 'handoff' })).toEqual([{ kind: 'fill', slots: expect.objectContaining({ name: 'Mo Diaz' }) }]);
    // A polite yes is no plea for priority.
    expect((await reader.read('yes please', contextOf({ awaiting: 'confirm', flow: 'handoff' }))).facts.urgent).toBeUndefined();
    // Neither a yes nor "it's urgent" is a name.
    expect(await commands('yes', { awaiting: 'name', flow: 'handoff' })).not.toContainEqual(expect.objectContaining({ kind: 'fill' }));
    expect(await commands('its urgent', { awaiting: 'name', flow: 'handoff' })).not.toContainEqual(expect.objectContaining({ kind: 'fill' }));
  });

  it('reads a long message only so far: what comes after its first 500 characters is not read', async () => {
    const filler = 'my bracelet is lovely and I wear it every single day to work. '.repeat(9);
    expect(filler.length).toBeGreaterThan(500);
    const late = await reader.read(`${filler} can I talk to a person?`, contextOf());
    expect(late.commands.map(({ command }) => command.kind)).not.toContain('person');
    const early = await reader.read(`can I talk to a person? ${filler}`, contextOf());
    expect(early.commands.map(({ command }) => command.kind)).toContain('person');
  });

  it('never takes a ZIP code for an order number', async () => {
    const reading = await reader.read('please send it to 18 Oak Lane, Boston MA 02118 instead', contextOf({ awaiting: 'description', flow: 'handoff' }));
    expect(reading.slots.orderNumber).toBeUndefined();
  });
});

describe('a reply to a yes/no offer', () => {
  const offered = { awaiting: 'confirm' as const, lastTopic: 'order.tracking' as const };

  it.each(['yes, go for it', 'sure thing', 'yeah that works'])('%j takes it', async (text) => {
    expect(await commands(text, offered)).toEqual([{ kind: 'affirm' }]);
  });

  it.each(['no, not right now', 'nah'])('%j declines it', async (text) => {
    expect(await commands(text, offered)).toEqual([{ kind: 'deny' }]);
  });

  it('does not take "thanks, bye" for a yes', async () => {
    expect(await commands('ok cool thanks, bye', offered)).not.toContainEqual({ kind: 'affirm' });
  });

  it.each(['thx!!', 'ty ty'])('takes %j as thanks, never as a yes', async (text) => {
    expect(await commands(text, offered)).toEqual([{ kind: 'smallTalk', talk: 'thanks' }]);
  });

  it('takes it, and answers a question asked after the yes without a question mark', async () => {
    const read = await commands('yep go ahead. also what days are you open', { brand: 'james-avery-malls', awaiting: 'confirm', lastTopic: 'shipping.problem' });
    expect(read).toEqual([{ kind: 'affirm' }, expect.objectContaining({ kind: 'answer', topic: 'contact.hours' })]);
  });

  it('declines, and answers the question beside the no, not the no itself', async () => {
    const read = await commands('nah not right now, do you fix clasps though?', { brand: 'james-avery-malls', awaiting: 'confirm', lastTopic: 'product.issue' });
    expect(read).toEqual([{ kind: 'deny' }, expect.objectContaining({ kind: 'answer', topic: 'product.care' })]);
  });
});

describe('a reply at a prompt', () => {
  it('takes the order number, and a way past it when there is none', async () => {
    expect(await commands('its GS-331041', { awaiting: 'orderNumber', flow: 'tracking' })).toEqual([expect.objectContaining({ kind: 'fill' })]);
    expect(await commands("i can't find it anywhere", { awaiting: 'orderNumber', flow: 'tracking' })).toEqual([{ kind: 'skip', slot: 'orderNumber' }]);
  });

  it('answers a question of the shopper\'s own instead of taking it for the value', async () => {
    expect(await commands('wait, how much is shipping to canada?', { awaiting: 'email', flow: 'tracking' })).toEqual([
      expect.objectContaining({ kind: 'answer' }),
    ]);
  });

  it('hears a correction of the order number while the email is asked', async () => {
    expect(await commands('sorry wrong one, it is KS-100235', { awaiting: 'email', flow: 'tracking' })).toEqual([
      expect.objectContaining({ kind: 'correct', slot: 'orderNumber' }),
    ]);
  });

  it('takes a name, and not a question for one', async () => {
    expect(await commands('Priya Raman', { awaiting: 'name', flow: 'handoff' })).toEqual([{ kind: 'fill', slots: expect.objectContaining({ name: 'Priya Raman' }) }]);
    expect(await commands('wait is this a chatbot?', { awaiting: 'name', flow: 'handoff' })).toEqual([{ kind: 'smallTalk', talk: 'identity' }]);
  });

  it('reads the condition and the reason of a return in the shopper\'s words', async () => {
    expect(await commands('havent worn it at all, the tag is still attached', { awaiting: 'condition', flow: 'returns' })).toEqual([
      { kind: 'fill', slots: expect.objectContaining({ condition: 'unused_with_tags' }) },
    ]);
    expect(await commands('honestly its way too tight on my finger', { awaiting: 'reason', flow: 'returns' })).toEqual([
      { kind: 'fill', slots: expect.objectContaining({ reason: 'wrong_size' }) },
    ]);
  });

  it('takes "I don\'t want it" asked why as the reason, and a sure change of mind as stopping', async () => {
    const atReason = { awaiting: 'reason', flow: 'returns', lastTopic: 'returns.start' } as const;
    expect(await commands('meh dont want it anymore', atReason)).toEqual([{ kind: 'fill', slots: expect.objectContaining({ reason: 'changed_mind' }) }]);
    expect(await commands('oh actually forget the return, i will hang on to it', atReason)).toEqual([{ kind: 'cancel' }]);
  });

  it('picks a choice on screen by its place', async () => {
    const choices = [
      { title: 'Elisa Pendant Necklace', value: 'Elisa Pendant Necklace' },
      { title: 'Drop Earrings (Final Sale)', value: 'Drop Earrings (Final Sale)' },
    ];
    expect(await commands('the 2nd', { awaiting: 'item', flow: 'returns', choices })).toEqual([{ kind: 'select', choice: 1 }]);
  });

  it('stops the flow on "cancel"', async () => {
    expect(await commands('cancel', { awaiting: 'email', flow: 'tracking' })).toEqual([{ kind: 'cancel' }]);
  });

  it('lets the flow go and answers the question asked with it', async () => {
    expect(await commands('nah never mind that one. are you open saturdays?', { awaiting: 'item', flow: 'returns' })).toEqual([
      { kind: 'cancel' },
      expect.objectContaining({ kind: 'answer', topic: 'contact.hours' }),
    ]);
  });

  it('hears a no in several words at "anything to add?", and sends none of them to the team', async () => {
    expect(await commands("nope, that's everything thanks", { awaiting: 'description', flow: 'handoff' })).toEqual([{ kind: 'deny' }]);
    expect(await commands('no, the box was crushed as well', { awaiting: 'description', flow: 'handoff' })).toEqual([
      { kind: 'fill', slots: expect.objectContaining({ description: 'no, the box was crushed as well' }) },
    ]);
  });

  it('takes a problem told at the optional order number as no number and the words for the team', async () => {
    const told = 'my earring post bent the first time i put it on';
    expect(await commands(told, { awaiting: 'orderNumber', flow: 'handoff' })).toEqual([{ kind: 'fill', slots: { description: told } }]);
  });
});

describe('a reply to the handoff summary', () => {
  const summary = { awaiting: 'confirm' as const, flow: 'handoff' as const };

  it('changes the detail a correction gives', async () => {
    expect(await commands('actually the reply address should be sam.r@example.com', summary)).toEqual([
      expect.objectContaining({ kind: 'correct', slot: 'email' }),
    ]);
  });

  it('takes a name typed on its own as the name, even one a letter from an everyday word', async () => {
    expect(await commands('Robin Hale', summary)).toEqual([{ kind: 'correct', slot: 'name', slots: expect.objectContaining({ name: 'Robin Hale' }) }]);
  });

  it('sends on a yes in several words that says nothing more', async () => {
    expect(await commands('all correct, send it over', summary)).toEqual([{ kind: 'affirm' }]);
    expect(await commands('correct, please add that the box was crushed too', summary)).toEqual([
      { kind: 'fill', slots: expect.objectContaining({ description: 'correct, please add that the box was crushed too' }) },
    ]);
  });

  it('adds more words for the team rather than sending them as a yes', async () => {
    expect(await commands('one more thing, the box itself was crushed too', summary)).toEqual([
      { kind: 'fill', slots: expect.objectContaining({ description: 'one more thing, the box itself was crushed too' }) },
    ]);
  });
});
