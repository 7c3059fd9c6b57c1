// The topic of the bot's first reply to a message in a fresh conversation, through the whole
// bot in this process (router, flows, dialogs), as the routing measurement counts it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClasp } from '../bot/clasp.js';
import { loadConfig } from '../bot/config.js';
import { createLogger } from '../bot/logger.js';
import { shopperMessage } from '../bot/shopper-activity.js';
import { isTopic, type Topic } from '../knowledge/topics.js';
import type { Recognizer } from '../knowledge/understanding/understanding.types.js';

export interface BotFirstReply {
  firstReplyTopic(text: string): Promise<{ topic: Topic; confidence?: number }>;
  close(): Promise<void>;
}

export async function createBotFirstReply(recognizer: Recognizer): Promise<BotFirstReply> {
  const outboxDir = mkdtempSync(join(tmpdir(), 'clasp-eval-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', OUTBOX_DIR: outboxDir });
  const clasp = await createClasp(config, { recognizer, logger: createLogger({ logLevel: 'silent' }) });
  const shopper = { id: 'shopper', name: 'Shopper', role: 'user' };
  let conversations = 0;
  return {
    async firstReplyTopic(text) {
      conversations += 1;
      const replies = await clasp.runInProcess({ brand: config.defaultBrand, client: 'eval' }, shopperMessage('eval', `eval-${conversations}`, shopper, text));
      const support: unknown = replies.find((reply) => reply.type === 'message')?.channelData?.support;
      const { topic, confidence } = (support ?? {}) as { topic?: unknown; confidence?: number };
      if (!isTopic(topic)) throw new Error(`the first reply to "${text}" carries no catalog topic`);
      return { topic, confidence };
    },
    async close() {
      await clasp.close();
      rmSync(outboxDir, { recursive: true, force: true });
    },
  };
}
