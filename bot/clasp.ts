import { MemoryStorage, type Activity, type Storage, type TurnContext } from 'botbuilder';
import { createConversationTurns } from '../dialogs/conversation.turn.js';
import type { BrandId } from '../knowledge/brand-ids.js';
import { loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.types.js';
import { CONFIDENCE_THRESHOLD, createRecognizer } from '../knowledge/understanding/recognizer.js';
import { BrandConversationState, setTurnBrand, turnBrand } from './brand-conversation-state.js';
import { ClaspBot } from './clasp.bot.js';
import type { Config } from './config.js';
import { InProcessAdapter } from './in-process.adapter.js';
import { createLogger, type Logger } from './logger.js';
import { createTurnErrorHandler } from './turn-error.js';

export interface ClaspDeps {
  storage?: Storage;
  logger?: Logger;
  policiesDir?: string;
}

/** Everything a turn needs, built once: the one composition root of the service. */
export interface Clasp {
  config: Config;
  logger: Logger;
  kb: KnowledgeBase;
  conversationState: BrandConversationState;
  /** The bot logic for one turn of one brand, for any adapter. */
  turnLogic(brand: BrandId): (context: TurnContext) => Promise<void>;
  onTurnError: (context: TurnContext, error: Error) => Promise<void>;
  /** Runs one activity through the bot in this process and returns its replies. */
  runInProcess(brand: BrandId, activity: Partial<Activity>): Promise<Partial<Activity>[]>;
}

export async function createClasp(config: Config, deps: ClaspDeps = {}): Promise<Clasp> {
  const logger = deps.logger ?? createLogger(config);
  const kb = loadKnowledgeBase({ policiesDir: deps.policiesDir });
  const recognizer = await createRecognizer();
  const conversationState = new BrandConversationState(deps.storage ?? new MemoryStorage());
  const turns = createConversationTurns({ kb, recognizer, confidenceThreshold: CONFIDENCE_THRESHOLD });
  const bot = new ClaspBot(conversationState, turns);
  const onTurnError = createTurnErrorHandler(logger, conversationState, (context) => {
    try {
      return turnBrand(context);
    } catch {
      return undefined;
    }
  });

  const turnLogic = (brand: BrandId) => async (context: TurnContext) => {
    setTurnBrand(context, brand);
    await bot.run(context);
  };

  const inProcess = new InProcessAdapter();
  inProcess.onTurnError = onTurnError;

  return {
    config,
    logger,
    kb,
    conversationState,
    turnLogic,
    onTurnError,
    runInProcess: (brand, activity) => inProcess.processActivity(activity, turnLogic(brand)),
  };
}
