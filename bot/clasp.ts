import { MemoryStorage, type Activity, type Storage, type TurnContext } from 'botbuilder';
import { createConversationTurns, type TurnOrigin } from '../dialogs/conversation.turn.js';
import { loadKnowledgeBase, type LoadedKnowledgeBase } from '../knowledge/knowledge-base.js';
import { CONFIDENCE_THRESHOLD, createRecognizer } from '../knowledge/understanding/recognizer.js';
import type { Recognizer } from '../knowledge/understanding/understanding.types.js';
import { BrandConversationState, setTurnOrigin, turnBrand } from './brand-conversation-state.js';
import { ClaspBot } from './clasp.bot.js';
import type { Config } from './config.js';
import { InProcessAdapter } from './in-process.adapter.js';
import { createLogger, type Logger } from './logger.js';
import { createCachedOrderSource, createNodeOrderCache } from './orders/cached-order-source.js';
import { createDemoOrders } from './orders/demo-orders.js';
import type { OrderSource } from './orders/order-source.js';
import { createOrderVerifier } from './orders/order-verifier.js';
import { createJsonOrderSource, loadJsonOrderSource } from './orders/orders.json-source.js';
import { createTurnErrorHandler } from './turn-error.js';
import { conversationKeyOf, createHandoff, type Handoff } from './handoff/index.js';

export interface ClaspDeps {
  storage?: Storage;
  logger?: Logger;
  policiesDir?: string;
  /** The clock; tests and demos pin it. */
  now?: () => Date;
  orderSource?: OrderSource;
  /** A recognizer built elsewhere (the routing measurement compares engines). */
  recognizer?: Recognizer;
}

/** Everything a turn needs, built once: the one composition root of the service. */
export interface Clasp {
  config: Config;
  logger: Logger;
  kb: LoadedKnowledgeBase;
  conversationState: BrandConversationState;
  handoff: Handoff;
  /** The bot logic for one turn of one brand and client, for any adapter. */
  turnLogic(origin: TurnClient): (context: TurnContext) => Promise<void>;
  onTurnError: (context: TurnContext, error: Error) => Promise<void>;
  /** Runs one activity through the bot in this process and returns its replies. */
  runInProcess(origin: TurnClient, activity: Partial<Activity>): Promise<Partial<Activity>[]>;
  close(): Promise<void>;
}

/** Who a turn is for, as the channel knows it; the conversation key is derived per turn. */
export type TurnClient = Omit<TurnOrigin, 'conversationKey'>;

const ORDER_CACHE_TTL_SECONDS = 30;
const ORDER_LOOKUP_TIMEOUT_MS = 5_000;

async function createOrderSource(config: Config, now: () => Date): Promise<OrderSource> {
  // Without ORDERS_FILE the demo orders are made now, dated from now, so each status stays true.
  return config.ordersFile === undefined ? createJsonOrderSource(createDemoOrders(now())) : loadJsonOrderSource(config.ordersFile);
}

export async function createClasp(config: Config, deps: ClaspDeps = {}): Promise<Clasp> {
  const logger = deps.logger ?? createLogger(config);
  const now = deps.now ?? (() => new Date());
  const kb = loadKnowledgeBase({ policiesDir: deps.policiesDir });
  const recognizer = deps.recognizer ?? (await createRecognizer());
  const orderCache = createNodeOrderCache({ ttlSeconds: ORDER_CACHE_TTL_SECONDS });
  const orders = createCachedOrderSource(deps.orderSource ?? (await createOrderSource(config, now)), orderCache);
  const verifier = createOrderVerifier(orders, { ...config.verification, lookupTimeoutMs: ORDER_LOOKUP_TIMEOUT_MS });

  const storage = deps.storage ?? new MemoryStorage();
  const conversationState = new BrandConversationState(storage);
  const handoff = await createHandoff({ config: config.handoff, storage, logger, profileOf: (brand) => kb.profile(brand), now });
  await handoff.start();
  const turns = createConversationTurns({
    kb,
    recognizer,
    confidenceThreshold: CONFIDENCE_THRESHOLD,
    now,
    effects: {
      verifyOrder: (origin, input) => verifier.verify(origin.client, input),
      submitHandoff: (origin, submission) => handoff.submitter.submit(submission, origin.conversationKey),
    },
  });
  const bot = new ClaspBot(conversationState, turns);
  const onTurnError = createTurnErrorHandler(logger, conversationState, (context) => {
    try {
      return turnBrand(context);
    } catch {
      return undefined;
    }
  });

  const turnLogic = (client: TurnClient) => async (context: TurnContext) => {
    const conversationKey = conversationKeyOf(client.brand, context.activity) ?? `${client.brand}/unknown`;
    setTurnOrigin(context, { ...client, conversationKey });
    await bot.run(context);
  };

  const inProcess = new InProcessAdapter();
  inProcess.onTurnError = onTurnError;
  inProcess.use(handoff.middleware);

  return {
    config,
    logger,
    kb,
    conversationState,
    turnLogic,
    onTurnError,
    runInProcess: (origin, activity) => inProcess.processActivity(activity, turnLogic(origin)),
    handoff,
    close: async () => {
      orderCache.close();
      await handoff.close();
    },
  };
}
