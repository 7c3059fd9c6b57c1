// A transcript as the turn runner records one (bot/turn-runner.ts: the shopper's line, then each
// bot message of the turn), in the words dialogs/handoff.render.ts uses: a shopper who does not
// give a name three times and does not answer the summary twice, so the name prompt is recorded
// four times and the summary three.
import type { TranscriptLine } from '../../../knowledge/handoff/handoff-ticket.types.js';

const SUMMARY = [
  "Here's what I'll send to the Kendra Scott Mall team:",
  '• Name: Jane Doe\n• Email: jane@example.com\n• Order number: KS-100234\n• Your message: “My necklace never arrived <b>at all</b>”',
  'It will be marked “URGENT” so the team prioritizes it, as the Customer Service Policy (§2) asks.',
  'Is everything correct? Say "yes" to send it, or tell me what to change (for example "change my email").',
].join('\n\n');
const NOT_A_NAME = "Sorry, I didn't catch a name there. What name should the team use for you? For example: Jane Doe.";
const NOT_YES_OR_NO = 'Sorry, I need a yes or a no, or tell me what to change. ';

let minute = 0;
const at = () => new Date(Date.UTC(2026, 10, 27, 14, 50 + Math.floor(minute++ / 2), 0)).toISOString();
const shopper = (text: string): TranscriptLine => ({ at: at(), from: 'shopper', text });
const bot = (text: string): TranscriptLine => ({ at: at(), from: 'bot', text });

export const REPETITIVE_TRANSCRIPT: TranscriptLine[] = [
  shopper('I need to talk to a person, my necklace never arrived'),
  bot("I'll pass this to a person on the Kendra Scott Mall team. First, a few details. What name should the team use for you?"),
  shopper('why do you need that'),
  bot(NOT_A_NAME),
  shopper('<script>alert(1)</script>'),
  bot(NOT_A_NAME),
  // Recorded with other spacing (a reply re-wrapped by a channel): still the same prompt.
  shopper('???'),
  bot(NOT_A_NAME.replace(/ /g, '  ').replace('there. ', 'there.\n')),
  shopper('Jane Doe'),
  bot('What email address should the team reply to?'),
  shopper('jane@example.com'),
  bot(`Do you have an order number? It's in your order confirmation email. If you don't have one, just say so.`),
  shopper('KS-100234, paid with [card number removed]'),
  bot("In your own words, what do you need help with? (Please don't include card numbers.)"),
  shopper('My necklace never arrived <b>at all</b>'),
  bot(SUMMARY),
  shopper('hmm'),
  bot(`${NOT_YES_OR_NO}${SUMMARY}`),
  shopper('what do you mean'),
  bot(`${NOT_YES_OR_NO}${SUMMARY}`),
];

export const SUMMARY_TEXT = SUMMARY;
export const NOT_A_NAME_TEXT = NOT_A_NAME;
