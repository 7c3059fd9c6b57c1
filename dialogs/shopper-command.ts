import { collapseSpaces, trimTrailing } from '../knowledge/readers/text-edges.js';
import type { ShopperCommand } from '../machines/conversation.machine.js';

// Bare words that steer the conversation itself. Only whole short messages count, so
// "cancel my order" stays a question about cancelling an order.
const COMMANDS: ReadonlyArray<[RegExp, ShopperCommand]> = [
  [/^(cancel|cancel that|stop|never ?mind|forget it|quit|exit|nvm)$/, 'cancel'],
  // "Actually nvm, I'll keep them": the shopper drops what they were doing, and says why.
  [/^(?:(?:actually|oh|ok|okay|hmm|wait|um)[ ,]+)?(?:(?:never ?mind|nvm|forget it|forget about it|scratch that)[ ,;.!-]+)?i(?:'ll| will| think i'll)(?: just)? keep (?:it|them|the [a-z]+)(?: after all| instead| then)?$/, 'cancel'],
  [/^(start over|start again|restart|reset|begin again|from the top)$/, 'restart'],
  [/^(help|help me|help please|please help|\?+|what can i (say|do|ask)( here)?|options|menu)$/, 'help'],
];

export function parseShopperCommand(text: string): ShopperCommand | undefined {
  const said = trimTrailing(collapseSpaces(text.toLowerCase().replace(/[’‘`]/g, "'")), '.!?, ');
  return COMMANDS.find(([pattern]) => pattern.test(said))?.[1];
}
