// Plays conversation scripts and prints each exchange, for reading and for working on a script.
// Usage: npm run conversations -- test/conversations/tracking-late-ks.yaml [more files…] [--keep-going]
// --keep-going plays every turn even after one is not as expected. Exits 1 when any script fails.
import { parseArgs } from 'node:util';
import { loadConversationScript, ScriptError } from './conversation-script.schema.js';
import { formatExchange } from './exchange-report.js';
import { createScriptPlayer } from './script-player.js';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'keep-going': { type: 'boolean', default: false } } });
  if (positionals.length === 0) {
    console.error('Usage: npm run conversations -- <script.yaml> [more scripts…] [--keep-going]');
    return 2;
  }
  const scripts = positionals.map((file) => ({ file, script: loadConversationScript(file) }));
  const player = await createScriptPlayer();
  let failed = 0;
  try {
    for (const { file, script } of scripts) {
      const played = await player.play(script, { keepGoing: values['keep-going'] });
      if (!played.passed) failed += 1;
      console.log(`${formatExchange(played, file)}\n`);
    }
  } finally {
    await player.close();
  }
  if (scripts.length > 1) console.log(`${scripts.length - failed} of ${scripts.length} scripts as expected.`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ScriptError ? error.message : error);
    process.exit(2);
  },
);
