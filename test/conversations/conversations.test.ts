// Every conversation script of this folder (test/conversations/README.md) played through the real
// bot: one test per file. A failing script prints the whole exchange so far next to what it expected.
// Scripts in a wanted/ folder beside these (behaviour not built yet) are not run here.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConversationScript } from './conversation-script.schema.js';
import { formatExchange } from './exchange-report.js';
import { createScriptPlayer, type ScriptPlayer } from './script-player.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const FILES = readdirSync(HERE)
  .filter((name) => name.endsWith('.yaml'))
  .sort();

let player: ScriptPlayer;
beforeAll(async () => {
  player = await createScriptPlayer();
});
afterAll(async () => {
  await player?.close();
});

describe('conversation scripts', () => {
  it('finds the scripts', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(FILES)('%s', async (name) => {
    const file = `test/conversations/${name}`;
    const script = loadConversationScript(`${HERE}${name}`, file);
    const played = await player.play(script);
    if (!played.passed) expect.fail(`\n${formatExchange(played, file)}`);
  });
});
