// "It's urgent": the shopper marking their own matter urgent, which james-avery-malls and
// james-avery-artisan invite (their documents ask for "URGENT"/"Urgent" in the subject). Only
// explicit words count; "it broke right away" is not a request for priority, and a negation
// ("no rush", "not urgent") wins over the word it negates.

const NEGATED: ReadonlyArray<RegExp> = [
  /\b(?:not|isn'?t|is not|wasn'?t|nothing|no|non|never)[\s-]+(?:(?:that|very|really|super|too|so|an?|at all)\s+)*(?:urgent|urgently|an? emergency|emergency|asap|time[- ]sensitive|a priority|priority)\b/gi,
  /\b(?:no|not in a|not in any)\s+(?:rush|hurry)\b/gi,
  /\b(?:whenever you (?:can|get a chance)|in your own time|take your time)\b/gi,
];

const URGENT: ReadonlyArray<RegExp> = [
  /\burgent(?:ly)?\b/i,
  /\basap\b/i,
  /\ba\.s\.a\.p\b/i,
  /\bas soon as (?:possible|you can)\b/i,
  /\bemergency\b/i,
  /\btime[- ]sensitive\b/i,
  /\b(?:high|top|highest) priority\b/i,
  /\b(?:please |pls )?hurry\b/i,
  /\bi(?:'m| am) in a (?:rush|hurry)\b/i,
];

/** Whether the shopper says, in `text`, that their matter is urgent. */
export function saysItsUrgent(text: string): boolean {
  let said = text.replace(/[’‘]/g, "'");
  for (const pattern of NEGATED) said = said.replace(pattern, ' ');
  return URGENT.some((pattern) => pattern.test(said));
}
