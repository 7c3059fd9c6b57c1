import { describe, expect, it } from 'vitest';
import { parseShopperCommand } from '../../dialogs/shopper-command.js';

describe('parseShopperCommand', () => {
  it.each([
    ['nvm', 'cancel'],
    ['Never mind.', 'cancel'],
    ['actually nvm i’ll keep them', 'cancel'],
    ['never mind, I\'ll keep it', 'cancel'],
    ["i'll just keep the ring after all", 'cancel'],
    ['start over', 'restart'],
    ['what can I ask', 'help'],
  ])('reads %j as %s', (text, command) => {
    expect(parseShopperCommand(text)).toBe(command);
  });

  it.each(['cancel my order', "I'll keep it in mind, where is my order?", 'how long can I keep it before returning', 'help me track KS-100234'])(
    'leaves %j to be understood as a question',
    (text) => {
      expect(parseShopperCommand(text)).toBeUndefined();
    },
  );
});
