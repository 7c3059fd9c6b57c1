// Terminal chat: the same bot as the HTTP service, in this process, for one brand.
// Usage: npm run chat -- --brand generic-store
import type { Activity } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createClasp } from './clasp.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { shopperJoined, shopperMessage } from './shopper-activity.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { brand: { type: 'string' } } });
  const config = loadConfig(process.env);
  const clasp = await createClasp(config, { logger: createLogger({ logLevel: 'warn' }) });
  const brand = values.brand ?? clasp.defaultBrand;
  if (!clasp.kb.hasBrand(brand)) {
    console.error(`Unknown brand "${brand}". Choose one of: ${clasp.kb.brandIds.join(', ')}`);
    await clasp.close();
    process.exit(2);
  }
  const conversationId = `terminal-${randomUUID()}`;
  const origin = { brand, client: 'terminal' };
  const shopper = { id: 'shopper', name: 'You', role: 'user' };
  let choices: string[] = [];

  const show = (replies: Partial<Activity>[]) => {
    choices = [];
    for (const reply of replies) {
      if (reply.type !== 'message') continue;
      console.log(`\nClasp: ${reply.text ?? ''}`);
      for (const action of reply.suggestedActions?.actions ?? []) {
        choices.push(String(action.value));
        console.log(`  ${choices.length}. ${action.title}`);
      }
    }
  };

  console.log(`Chatting with ${clasp.kb.brand(brand).displayName} (${brand}). Type a number to pick a choice; Ctrl+D to quit.`);
  show(await clasp.runInProcess(origin, shopperJoined('terminal', conversationId, shopper)));

  // Lines are read as a stream so piped input (a script of a conversation) works as typed input does.
  const terminal = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  const prompt = () => process.stdout.write('\nYou: ');
  prompt();
  for await (const raw of terminal) {
    const line = raw.trim();
    if (line !== '') {
      if (!process.stdin.isTTY) console.log(line);
      const picked = /^\d+$/.test(line) ? choices[Number(line) - 1] : undefined;
      if (picked !== undefined) console.log(`(${picked})`);
      show(await clasp.runInProcess(origin, shopperMessage('terminal', conversationId, shopper, picked ?? line)));
    }
    prompt();
  }
  await clasp.close();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
