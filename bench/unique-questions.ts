// Shopper messages of which no two are alike, for the bench row that no memo can answer: an
// opener, a question and a closing, combined so that message n differs in its words from every
// other message below `UNIQUE_QUESTIONS` (mixed-radix counting over the three lists). Written for
// the bench; the words recur across messages as shoppers' words do, the messages never.
const OPENERS = [
  '', 'hi,', 'hello,', 'hey there,', 'quick question,', 'sorry to bother you,', 'good morning,', 'excuse me,', 'um,',
  'so', 'ok so', 'hiya,', 'one more thing,', 'hi again,', 'I was wondering,', 'question for you,', 'hey,', 'afternoon,',
  'please help,', 'just checking,',
] as const;

const QUESTIONS = [
  'how long do refunds take', 'what is your return policy', 'do you ship internationally', 'how long will shipping take',
  'can I exchange a ring for a different size', 'how do I clean my silver jewelry', 'is shipping free', 'how much does delivery cost',
  'who pays for return shipping', 'can I return a custom piece', 'what are your support hours', 'how fast do you answer emails',
  'how do I contact customer service', 'can I cancel my order', 'how do I change my shipping address', 'do you sell gift cards',
  'are final sale items returnable', 'what payment methods do you take', 'my payment was declined', 'how do I reset my password',
  'how do I delete my account', 'do you sell my personal data', 'how do I unsubscribe from emails', 'can I get an invoice',
  'how do I place an order', 'are your earrings hypoallergenic', 'can you engrave a pendant', 'how do I store sterling silver',
  'my necklace arrived broken', 'the bracelet I got is the wrong one', 'my package is late', 'I want to file a complaint',
  'can I leave feedback', 'are you open on weekends', 'will I pay customs duties', 'how long does processing take',
  'when will my refund arrive', 'has my refund gone through', 'what is an RA number', 'what does final sale mean',
  'do you use cookies', 'can my kid make an account', 'how do I escalate a complaint', 'what should my email include',
  'are you open on christmas', 'is my card information stored', 'what is the weather tomorrow', 'tell me a joke',
  'thanks for the help', 'what can you do', 'are you a bot', 'can I speak to a person',
  'do you repair broken clasps', 'what are your pieces made of', 'can I order a personalized gift', 'how do I track my package',
  'can I send back earrings', 'what is the return window', 'do you have a mailing address', 'what happens if my delivery is lost',
] as const;

const CLOSINGS = [
  '', '?', 'please', 'thanks', 'for my sister', 'for a gift', 'for my order', 'by the way', 'today', 'this week',
  'if possible', 'asap', 'for my mom', 'for the necklace', 'for the rings', 'for earrings', 'for a bracelet',
  'before the holidays', 'again', 'right now', 'for my wife', 'for my husband', 'for a friend', 'for a birthday',
  'for an anniversary', 'this month', 'in general', 'just curious', 'thank you', 'cheers', 'many thanks',
  'for my daughter', 'for my son', 'for the charm', 'for the pendant', 'for the hoops', 'for the watch', 'for the locket',
  'for the chain', 'for the studs',
] as const;

export const UNIQUE_QUESTIONS = OPENERS.length * QUESTIONS.length * CLOSINGS.length;

/** The n-th message (n below UNIQUE_QUESTIONS; beyond, it wraps around). */
export function uniqueQuestion(n: number): string {
  let rest = n % UNIQUE_QUESTIONS;
  const question = QUESTIONS[rest % QUESTIONS.length]!;
  rest = Math.floor(rest / QUESTIONS.length);
  const closing = CLOSINGS[rest % CLOSINGS.length]!;
  rest = Math.floor(rest / CLOSINGS.length);
  const opener = OPENERS[rest % OPENERS.length]!;
  return [opener, question, closing].filter(Boolean).join(' ').replace(/ \?$/, '?');
}

/** Coprime to UNIQUE_QUESTIONS: stepping by it visits every message once, in a scattered order. */
const SCATTER = 7_919;

/**
 * The n-th message in a scattered order: any run of them mixes all the openers, questions and
 * closings alike, where `uniqueQuestion`'s own order changes its opener only every 2,400 and a
 * run of every tenth message meets only six of the questions.
 */
export function scatteredQuestion(n: number): string {
  return uniqueQuestion(((n % UNIQUE_QUESTIONS) * SCATTER) % UNIQUE_QUESTIONS);
}
