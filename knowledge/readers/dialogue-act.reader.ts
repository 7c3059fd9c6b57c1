import { collapseSpaces, trimTrailing } from './text-edges.js';

// What a message does in the conversation, whatever it is about: a yes or a no to the question
// the bot just asked, "say that again", "I don't have it", "I meant …". Whole-message readers in
// everyday words; each returns undefined (or false) rather than guess.

function bare(text: string): string {
  const said = trimTrailing(collapseSpaces(text.toLowerCase().replace(/[’‘`]/g, "'")), '.!?,;: ');
  return said.replace(/^(?:um+|uh+|hmm+|oh|ah|well|ok so|so)(?:, | |,)/, '').trim();
}

export type YesNo = 'yes' | 'no';

// A yes: alone, or with words that only make it warmer ("yes please do that", "sure, go ahead").
const YES_WORDS = String.raw`(?:y|ya|yes|yeah|yea|yep|yup|yess+|sure|ok|okay|k|kk|alright|all right|of course|definitely|absolutely|please|please do|do it|do that|go ahead|go for it|sounds good|that'?d be (?:great|good|nice|helpful)|that would be (?:great|good|nice|helpful)|yes please|correct|right|that'?s right|that'?s correct|all correct|looks good|looks right|all good|perfect|confirm(?:ed)?|send(?: it)?|please send(?: it)?|try again|retry|please try again|it is|👍)`;
const YES_TAIL = String.raw`(?:[ ,!]+(?:please|thanks|thank you|thx|pls|do that|do it|go ahead|that'?s fine|that works|pass it on|send it|sounds good|that would be great|that'?d be great|i'?d like that|i would like that|of course|sure))*`;
const YES = new RegExp(`^${YES_WORDS}${YES_TAIL}$`);
// "yes, but change my email": a yes that asks for something else is not a plain yes.
const YES_AND_MORE = /^(?:yes|yeah|yep|yup|sure|ok|okay|correct|perfect)\b(?!.*\b(?:but|except|change|wrong|not|no|don'?t|actually|wait)\b)/;
const NO = /^(?:n|no|nope|nah|no thanks|no thank you|no thx|not now|not really|not quite|no need|i'?m good|i'?m ok|i'?m fine|that'?s all|that'?s it|no that'?s all|no that'?s it|never ?mind|nvm|maybe later|not right now|wrong|that'?s wrong|incorrect|that'?s not right|not right|don'?t send(?: it)?|do not send(?: it)?|no,? don'?t|please don'?t|don'?t)(?:[ ,!]+(?:thanks|thank you|thx|i'?m good|that'?s all))*$/;

// "Nah, no thanks, I'll give it a few days": a no that says why is still a no.
const NO_AND_MORE = /^(?:no thanks|no thank you|nah|nope|not now|no need|not right now)\b(?!.*\b(?:but|actually|wait)\b)/;

/** A yes or a no to the question the bot just asked, in everyday words. */
export function readYesNo(text: string): YesNo | undefined {
  const said = bare(text);
  if (YES.test(said) || YES_AND_MORE.test(said)) return 'yes';
  if (NO.test(said) || NO_AND_MORE.test(said)) return 'no';
  return undefined;
}

const REPEAT = /^(?:sorry |pardon |what |huh )?(?:(?:can|could|would) you |please )?(?:say|repeat)(?: that| it| this| the last (?:message|answer|bit))?(?: again| once more)?(?: please)?$|^(?:repeat|repeat that|repeat please|repeat that please|please repeat|please repeat that|say again|say that again|come again|pardon|sorry what|what did you (?:just )?say|what was that|i missed that|one more time)$/;

/** "Can you say that again?": the shopper wants the last answer once more. */
export function asksToRepeat(text: string): boolean {
  return REPEAT.test(bare(text).replace(/,/g, ''));
}

const DONT_HAVE = /\b(?:don'?t|do not|didn'?t|did not|can'?t|cannot|never) (?:have|know|remember|find|got|get|keep|recall)\b|\b(?:lost|deleted|threw (?:it )?away|no longer have|can'?t find|not sure (?:what|which)|no idea|forgot|forgotten)\b/;
const ORDER_NUMBER_WORDS = /\b(?:order (?:number|no|#|id)|number|confirmation|receipt|it|one)\b/;
const EMAIL_WORDS = /\b(?:e-?mail|address|which one|confirmation|receipt|it)\b/;

/**
 * The shopper says they cannot give what was asked ("I don't have the order number", "I deleted
 * the email"), so the bot must find another way instead of asking again.
 */
export function saysCannotGive(text: string, slot: 'orderNumber' | 'email'): boolean {
  const said = bare(text);
  if (said.length > 120 || !DONT_HAVE.test(said)) return false;
  return (slot === 'orderNumber' ? ORDER_NUMBER_WORDS : EMAIL_WORDS).test(said) || said.split(' ').length <= 4;
}

const CORRECTING = /^(?:oops|sorry|actually|wait|no|whoops|my bad|correction)\b|\b(?:i meant|i mean|should (?:be|have been)|instead|typo|misspelled|spelled it wrong|wrong (?:one|email|number|address)|not that one|the right one is|correct one is)\b/;

/** "Oops, I meant …", "actually it's …": the message corrects something said before. */
export function soundsLikeCorrection(text: string): boolean {
  return CORRECTING.test(bare(text));
}

const ASKS_ABOUT = [' are you ', ' is this ', ' is that ', ' am i talking to ', ' am i chatting with ', ' am i speaking to ', ' am i talking with ', ' am i speaking with '];
const WHAT_IT_IS = new Set(['bot', 'robot', 'chatbot', 'human', 'humans', 'person', 'automated', 'ai', 'machine', 'real']);

/** "Am I talking to a bot?", "is this a real person?": the shopper asks what they are talking to. */
export function asksIfBot(text: string): boolean {
  const said = ` ${bare(text)} `;
  if (said.split(' ').length > 14) return false;
  const at = Math.min(...ASKS_ABOUT.map((lead) => said.indexOf(lead)).filter((index) => index >= 0));
  if (!Number.isFinite(at)) return false;
  return said.slice(at).split(/[^a-z]+/).some((word) => WHAT_IT_IS.has(word));
}

const HESITATION = /^(?:wait|hold on|hang on|one sec(?:ond)?|just a (?:sec|second|moment|minute)|actually wait|hmm+|um+|uh+|er+|let me think|let me check|brb|ok wait|sorry wait|\.\.\.)$/;

/** "Actually wait", "hold on": the shopper is thinking, not answering. */
export function isHesitation(text: string): boolean {
  return HESITATION.test(bare(text).replace(/[.,!]+/g, ' ').replace(/\s+/g, ' ').trim());
}
