// The topic of the bot's first reply to a message in a fresh conversation, through the whole
// bot in this process (router, flows, dialogs), as the routing measurement counts it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClasp } from '../bot/clasp.js';
import { loadConfig } from '../bot/config.js';
import { createLogger } from '../bot/logger.js';
import { shopperMessage } from '../bot/shopper-activity.js';
import type { BrandId } from '../knowledge/brand-ids.js';
import type { Source } from '../knowledge/knowledge-base.types.js';
import { isTopic, type Topic } from '../knowledge/topics.js';

export interface BotFirstReply {
  firstReplyTopic(text: string, brand?: BrandId): Promise<{ topic: Topic; confidence?: number; sources: Source[]; text: string }>;
  close(): Promise<void>;
}

export async function createBotFirstReply(): Promise<BotFirstReply> {
  const outboxDir = mkdtempSync(join(tmpdir(), 'clasp-eval-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', OUTBOX_DIR: outboxDir, BRANDS_DIR: process.env.BRANDS_DIR });
  const clasp = await createClasp(config, { logger: createLogger({ logLevel: 'silent' }) });
  const shopper = { id: 'shopper', name: 'Shopper', role: 'user' };
  let conversations = 0;
  return {
    async firstReplyTopic(text, brand = clasp.defaultBrand) {
      conversations += 1;
      const replies = await clasp.runInProcess({ brand, client: 'eval' }, shopperMessage('eval', `eval-${conversations}`, shopper, text));
      const first = replies.find((reply) => reply.type === 'message');
      const support: unknown = first?.channelData?.support;
      const { topic, confidence, sources } = (support ?? {}) as { topic?: unknown; confidence?: number; sources?: Source[] };
      if (!isTopic(topic)) throw new Error(`the first reply to "${text}" carries no catalog topic`);
      return { topic, confidence, sources: sources ?? [], text: String(first?.text ?? '') };
    },
    async close() {
      await clasp.close();
      rmSync(outboxDir, { recursive: true, force: true });
    },
  };
}
