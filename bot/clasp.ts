import { type Activity, type Storage } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { createConversationTurns } from '../dialogs/conversation.turn.js';
import type { BrandId } from '../knowledge/brand-ids.js';
import type { BrandProfileInput } from '../knowledge/brands/index.js';
import { loadKnowledgeBase, type LoadedKnowledgeBase } from '../knowledge/knowledge-base.js';
import { createMessageReader, type MessageReader } from '../knowledge/reading/read-message.js';
import { rememberReadings } from '../knowledge/reading/reading-memo.js';
import { createRecognizers } from '../knowledge/reading/recognizers.js';
import { recognizerThread } from './recognizer-thread.js';
import { startReadingThread, type ReadingThread } from './reading-thread.js';
import { ClaspBot } from './clasp.bot.js';
import { ConfigError, type Config } from './config.js';
import { createFlowEffects } from './flow-effects.js';
import { createHandoff, type Handoff } from './handoff/index.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createCachedOrderSource, createNodeOrderCache } from './orders/cached-order-source.js';
import { createDemoOrders } from './orders/demo-orders.js';
import type { OrderSource } from './orders/order-source.js';
import { createOrderVerifier } from './orders/order-verifier.js';
import { createJsonOrderSource, readOrdersFile } from './orders/orders.json-source.js';
import { memoryLimiters, redisLimiters, type LimiterFactory } from './limiter-store.js';
import { createRateLimits, type RateLimits } from './rate-limits.js';
import { loadOrTrainReadingModels } from './reading-models.store.js';
import { createConversationStore, type ConversationStore } from './state/conversation-store.js';
import { ExpiringMemoryStorage } from './state/memory.storage.js';
import { connectRedis, redisAnswers } from './state/redis-connection.js';
import { checkRedisDurability } from './state/redis-durability.js';
import { NOT_DURABLE_READINESS, watchRedisDurability, type RedisDurabilityWatch } from './state/redis-durability-watch.js';
import { RedisStorage } from './state/redis.storage.js';
import type { ConversationLog } from './directline/conversation-log.js';
import { createRedisConversationLog } from './directline/redis-conversation-log.js';
import { createTurnRunner, type TurnClient, type TurnReport } from './turn-runner.js';

export type { TurnClient };

export interface ClaspDeps {
  storage?: Storage;
  logger?: Logger;
  /** Profiles that replace the brand folders' own (tests trying a setting). */
  profiles?: Readonly<Record<BrandId, BrandProfileInput>>;
  /** The clock; tests and demos pin it. */
  now?: () => Date;
  orderSource?: OrderSource;
  /** The Reading step, when not the one built from the kept models (tests wrap it). */
  reader?: MessageReader;
  /** Told about every turn (the metrics). */
  onTurn?: (report: TurnReport) => void;
}

/** Everything a turn needs, built once: the one composition root of the service. */
export interface Clasp {
  config: Config;
  logger: Logger;
  kb: LoadedKnowledgeBase;
  /** The brand `/api/messages` serves: DEFAULT_BRAND, else the first brand folder by name. */
  defaultBrand: BrandId;
  conversations: ConversationStore;
  handoff: Handoff;
  metrics: Metrics;
  /** Where every rate limit counts (memory, or the shared Redis). */
  limiters: LimiterFactory;
  /** Messages per conversation and client, handoffs per client. */
  limits: RateLimits;
  /** The activity handler for turns that come through the CloudAdapter. */
  bot: ClaspBot;
  /** The widget's Direct Line conversations in the shared Redis; undefined: each instance keeps its own. */
  sharedWidgetLog: ConversationLog | undefined;
  /** Why the service cannot take shoppers now (the outbox cannot be written, Redis is away), or undefined when it can. */
  notReady(): Promise<string | undefined>;
  /** Runs one activity as a turn and returns the replies, addressed but without ids (expectReplies). */
  runTurn(origin: TurnClient, activity: Partial<Activity>): Promise<Partial<Activity>[]>;
  /** The same, each reply given an id and a timestamp as a channel would (widget, terminal chat). */
  runInProcess(origin: TurnClient, activity: Partial<Activity>): Promise<Partial<Activity>[]>;
  /**
   * Loads what only some messages need (the date recognizer, the language detector) once the
   * service is listening, so it is ready sooner; a message that needs one before it is loaded waits for it.
   */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

const ORDER_CACHE_TTL_SECONDS = 30;
const ORDER_LOOKUP_TIMEOUT_MS = 5_000;

async function createOrderSource(config: Config, kb: LoadedKnowledgeBase, now: () => Date): Promise<OrderSource> {
  // Without ORDERS_FILE the demo orders are made now, dated from now, so each status stays true.
  if (config.ordersFile === undefined) return createJsonOrderSource(createDemoOrders(now(), kb.brandIds.map((brand) => kb.folder(brand))));
  const orders = await readOrdersFile(config.ordersFile);
  const strangers = [...new Set(orders.map((order) => order.brand).filter((brand) => !kb.hasBrand(brand)))];
  if (strangers.length > 0) {
    throw new ConfigError([`ORDERS_FILE: orders of ${strangers.map((brand) => `"${brand}"`).join(', ')}, which no brand folder is called; the brands are ${kb.brandIds.join(', ')}`]);
  }
  return createJsonOrderSource(orders);
}

/** The Reading step on the service's own thread, without a memo (the memo wraps whichever reads). */
async function readerOnThisThread(config: Config, logger: Logger, kb: LoadedKnowledgeBase): Promise<MessageReader> {
  const recognizers = createRecognizers(recognizerThread);
  const models = await loadOrTrainReadingModels({ dir: config.modelCacheDir, knowledge: kb, recognizers, logger });
  return createMessageReader({ models, knowledge: kb, recognizers, memoSize: 0 });
}

type StartedThread = { thread: ReadingThread; error?: undefined } | { thread?: undefined; error: unknown };

export async function createClasp(config: Config, deps: ClaspDeps = {}): Promise<Clasp> {
  const logger = deps.logger ?? createLogger(config);
  // Started first: the reading thread loads its models and the stores' documents while this
  // thread loads the rest. Settled into a value at once, so a start-up that fails meanwhile
  // leaves no rejection unhandled.
  const readingThread: Promise<StartedThread> | undefined =
    deps.reader === undefined && config.readingThread
      ? startReadingThread(
          { brandsDir: config.brandsDir, modelCacheDir: config.modelCacheDir, profiles: deps.profiles },
          { logger, inProcess: () => readerOnThisThread(config, logger, loadKnowledgeBase({ brandsDir: config.brandsDir, profiles: deps.profiles })) },
        ).then(
          (thread) => ({ thread }),
          (error: unknown) => ({ error }),
        )
      : undefined;
  try {
    return await assembleClasp(config, deps, logger, readingThread);
  } catch (error) {
    await (await readingThread)?.thread?.close();
    throw error;
  }
}

async function assembleClasp(config: Config, deps: ClaspDeps, logger: Logger, readingThread: Promise<StartedThread> | undefined): Promise<Clasp> {
  const now = deps.now ?? (() => new Date());
  const metrics = createMetrics();
  const kb = loadKnowledgeBase({ brandsDir: config.brandsDir, profiles: deps.profiles });
  const defaultBrand = config.defaultBrand ?? kb.brandIds[0]!;
  if (!kb.hasBrand(defaultBrand)) throw new ConfigError([`DEFAULT_BRAND: no brand folder is called "${defaultBrand}"; the brands are ${kb.brandIds.join(', ')}`]);
  const redis = config.stateStore.kind === 'redis' ? await connectRedis(config.stateStore.url, logger) : undefined;
  let durability: RedisDurabilityWatch | undefined;
  if (redis !== undefined && config.stateStore.kind === 'redis') {
    const verdict = await checkRedisDurability(redis).catch((error: unknown) => {
      redis.disconnect();
      throw new ConfigError([`REDIS_URL: Redis could not be reached to check its persistence (${error instanceof Error ? error.message : String(error)})`]);
    });
    if (!verdict.durable && !config.stateStore.acceptNonDurable) {
      redis.disconnect();
      throw new ConfigError([`STATE_STORE=redis: ${verdict.problem}`]);
    }
    if (!verdict.durable) logger.warn({ problem: verdict.problem }, 'Redis is not durable; running anyway because REDIS_ACCEPT_NON_DURABLE=true');
    else if (verdict.note !== undefined) logger.warn({ note: verdict.note }, 'Redis persistence only partly checked');
    // Persistence can change while running; checked again unless the risk is accepted.
    if (!config.stateStore.acceptNonDurable) durability = watchRedisDurability(redis, { intervalMs: config.redisDurabilityCheckSeconds * 1000, initial: verdict, logger });
  }
  const limiters = redis === undefined ? memoryLimiters : redisLimiters(redis);
  const limits = createRateLimits(config.limits, { limiters, onRefused: metrics.rateLimited });
  const orderCache = createNodeOrderCache({ ttlSeconds: ORDER_CACHE_TTL_SECONDS });
  const orders = createCachedOrderSource(deps.orderSource ?? (await createOrderSource(config, kb, now)), orderCache);
  const verifier = createOrderVerifier(orders, { ...config.verification, lookupTimeoutMs: ORDER_LOOKUP_TIMEOUT_MS }, { onFailure: metrics.verificationFailed, limiters });

  const bounds = config.stateStore.kind === 'memory' ? { maxItems: config.stateStore.maxConversations, maxBytes: config.stateStore.maxBytes } : {};
  const ownStorage =
    redis === undefined ? new ExpiringMemoryStorage({ ttlSeconds: config.stateTtlSeconds, ...bounds }) : new RedisStorage(redis, { ttlSeconds: config.stateTtlSeconds });
  const storage = deps.storage ?? ownStorage;
  if (storage instanceof ExpiringMemoryStorage) metrics.watchHolder('state', () => storage.usage());
  const conversations = createConversationStore(storage);
  // A subscribed connection can do nothing else: the widget's notifications get their own, whose
  // outages are the main connection's (which logs them).
  const widgetSubscriber = redis?.duplicate().on('error', () => undefined);
  const sharedWidgetLog =
    redis && widgetSubscriber
      ? await createRedisConversationLog(redis, widgetSubscriber, {
          maxActivities: config.widget.maxActivitiesPerConversation,
          idleSeconds: config.widget.conversationIdleSeconds,
          firstMessageSeconds: config.widget.firstMessageSeconds,
          maxPerClient: config.widget.conversationsPerClient,
          now,
        })
      : undefined;
  const handoff = await createHandoff({
    config: config.handoff,
    transcriptOf: (key) => conversations.transcript(key),
    logger,
    profileOf: (brand) => kb.profile(brand),
    brandIds: kb.brandIds,
    now,
    shared: redis === undefined ? undefined : { redis, persistenceProblem: durability?.confirm },
    observer: { stored: (ticket) => metrics.handoffStored(ticket.brand, ticket.urgency.urgent), attempt: metrics.handoffDelivery, storeFailed: metrics.handoffStoreFailed },
  });
  metrics.watchOutbox(async () => (await handoff.outbox.unsent()).length);
  await handoff.start();
  const started = await readingThread;
  if (started?.error !== undefined) {
    logger.error({ err: started.error }, 'the reading thread could not start; reading on the service thread');
  }
  const thread = started?.thread;
  const reader = deps.reader ?? rememberReadings(thread ?? (await readerOnThisThread(config, logger, kb)));
  const turns = createConversationTurns({
    kb,
    reader,
    now,
    effects: createFlowEffects({ verifier, limits, submitter: handoff.submitter }),
  });
  const onTurn = (report: TurnReport) => {
    metrics.turn(report);
    // Charged to the client's CPU budget, which its next message is checked against (bot/rate-limits.ts).
    limits.chargeTurnCpu(report.client, report.cpuMs).catch((error: unknown) => logger.warn({ err: error }, 'could not count a turn\'s CPU time'));
    deps.onTurn?.(report);
  };
  const runner = createTurnRunner({ store: conversations, turns, logger, now, onTurn });

  return {
    config,
    logger,
    kb,
    defaultBrand,
    conversations,
    handoff,
    sharedWidgetLog,
    metrics,
    limiters,
    limits,
    bot: new ClaspBot(runner),
    async notReady() {
      if (redis !== undefined && !(await redisAnswers(redis))) return 'The conversation store (Redis) is not reachable.';
      if ((await durability?.problem()) !== undefined) return NOT_DURABLE_READINESS;
      try {
        await handoff.checkReady();
      } catch {
        return 'The handoff outbox cannot be written.';
      }
      return undefined;
    },
    runTurn: runner.run,
    runInProcess: async (origin, activity) => {
      const replies = await runner.run(origin, activity);
      return replies.map((reply) => ({ ...reply, id: randomUUID(), timestamp: now() }));
    },
    warmUp: async () => {
      await (thread ?? recognizerThread).warmUp();
    },
    close: async () => {
      await thread?.close();
      orderCache.close();
      durability?.stop();
      await handoff.close();
      widgetSubscriber?.disconnect();
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}
