// A played conversation as text: every shopper line and every bot message with its topic, slot,
// choices and cited sections, and under each turn what the script expected and what was not so.
import type { TurnExpectation } from './conversation-script.schema.js';
import type { PlayedConversation } from './script-player.js';
import { describeTicket, type BotLine } from './script-checks.js';

const BOT = '      bot: ';
const MORE = ' '.repeat(BOT.length);

function botLine(line: BotLine): string {
  const facts = [`topic ${line.topic ?? '-'}`, `awaiting ${line.awaiting ?? 'null'}`];
  if (line.choices.length > 0) facts.push(`choices ${line.choices.map((choice) => `"${choice}"`).join(' | ')}`);
  if (line.sources.length > 0) facts.push(`sources §${line.sources.join(', §')}`);
  const text = line.text.split('\n').map((part, index) => `${index === 0 ? BOT : MORE}${part}`);
  return [...text, `${MORE}[${facts.join(' · ')}]`].join('\n');
}

function expectation(expected: TurnExpectation | undefined): string {
  if (expected === undefined) return '(nothing checked)';
  return Object.entries(expected)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join(', ');
}

export function formatExchange(played: PlayedConversation, file: string): string {
  const { script } = played;
  const out: string[] = [`${file} (${script.brand})`, `about: ${script.about}`, '', '   (shopper joins)', ...played.greeting.map(botLine)];
  played.turns.forEach((turn, index) => {
    out.push('', `${String(index + 1).padStart(2)} shopper: ${turn.shopper}`, ...turn.replies.map(botLine));
    out.push(`      expected: ${expectation(script.turns[index]?.expect)}`);
    for (const problem of turn.problems) out.push(`      ✗ ${problem}`);
  });
  const unplayed = script.turns.length - played.turns.length;
  if (unplayed > 0) out.push('', `   (${unplayed} more turn${unplayed === 1 ? '' : 's'} not played after the first one that failed)`);
  out.push('', `   tickets stored: ${played.tickets.length === 0 ? 'none' : played.tickets.map(describeTicket).join('\n                   ')}`);
  if (script.ticket !== undefined) out.push(`   expected ticket: ${JSON.stringify(script.ticket)}`);
  for (const problem of played.ticketProblems) out.push(`   ✗ ${problem}`);
  out.push('', played.passed ? '   PASS' : '   FAIL');
  return out.join('\n');
}
