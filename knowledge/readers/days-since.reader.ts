// How long ago the shopper says their order arrived ("it broke two months after delivery", "I got
// it 3 weeks ago", "it arrived yesterday"), in days: some brands treat a defect as urgent only when
// it is reported within a window after delivery, and without a verified order the shopper's own
// words are all there is. Rough on purpose (a month is 30 days); undefined when nothing is said.

const NUMBERS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, couple: 2, few: 3, several: 4,
};
const UNIT_DAYS: Readonly<Record<string, number>> = { day: 1, week: 7, month: 30, year: 365 };
// Words that tie a span to the delivery: "… ago", "… after it arrived", "had it for …".
const ANCHORS = /\b(ago|after|since|later|for|in)\b/;

function count(word: string): number | undefined {
  if (/^\d{1,3}$/.test(word)) return Number(word);
  return NUMBERS[word];
}

/** Days between the delivery and now, as the shopper tells it, if they do. */
export function readDaysSinceDelivery(text: string): number | undefined {
  const said = text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  if (/\b(today|just (arrived|came|got it|received)|this morning)\b/.test(said)) return 0;
  if (/\byesterday\b/.test(said)) return 1;
  if (/\blast week\b/.test(said)) return 7;
  if (/\blast month\b/.test(said)) return 30;
  if (/\blast year\b/.test(said)) return 365;
  if (!ANCHORS.test(said)) return undefined;
  const words = said.split(' ');
  for (let index = 1; index < words.length; index += 1) {
    const unit = UNIT_DAYS[(words[index] ?? '').replace(/s$/, '')];
    if (unit === undefined) continue;
    // "two months", "a couple of weeks", "3 days"
    const before = words[index - 1] ?? '';
    const n = before === 'of' ? count(words[index - 2] ?? '') : count(before);
    if (n !== undefined) return n * unit;
  }
  return undefined;
}
