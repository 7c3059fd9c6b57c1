import { ActivityTypes, type Activity, type ChannelAccount } from 'botbuilder';
import { redactDeep, redactSecrets } from '../../knowledge/handoff/redaction.js';
import type { Clasp } from '../clasp.js';
import { BOT_ACCOUNT, shopperJoined } from '../shopper-activity.js';
import type { ConversationLog, LoggedActivity } from './conversation-log.js';
import { DIRECTLINE_CHANNEL, widgetStateKey } from './directline-channel.js';
import { pageContextSchema, type ClientActivity } from './directline.schema.js';
import type { ShopperPage } from '../../dialogs/conversation.turn.js';
import type { TokenGrant } from './directline-token.js';
import type { TurnQueue } from './turn-queue.js';

export interface DirectLineConversations {
  /** Tells the bot the visitor joined, once per conversation, so it greets first. */
  start(grant: TokenGrant, client: string): Promise<void>;
  /**
   * Logs the visitor's activity (the echo Web Chat waits for, redacted: the history a page
   * replays never holds a card number) and queues the bot's turn; typing is only relayed to the
   * open streams, never stored. A message marks the conversation spoken in (it then stays until
   * idle). 'gone': the conversation expired or was dropped meanwhile.
   */
  post(grant: TokenGrant, activity: ClientActivity, client: string): Promise<{ id: string } | 'busy' | 'gone'>;
}

type Outgoing = Omit<LoggedActivity, 'id' | 'timestamp'>;

/** The Direct Line side of a conversation: echoes, typing, and the bot's turns in process. */
export function createDirectLineConversations(deps: { clasp: Clasp; log: ConversationLog; queue: TurnQueue; now: () => Date }): DirectLineConversations {
  const { clasp, log, queue } = deps;
  const conversation = (id: string) => ({ id, isGroup: false, conversationType: 'personal', name: '' });
  const visitor = (grant: TokenGrant, name?: string): ChannelAccount => ({ id: grant.user, name: name ?? '', role: 'user' });

  const fromBot = (grant: TokenGrant, activity: Partial<Activity>, replyToId: string | undefined): Outgoing => {
    // Plain JSON: the log hands these to browsers (and, later, to Redis).
    const { id: _id, timestamp: _timestamp, localTimestamp: _local, serviceUrl: _serviceUrl, ...rest } = JSON.parse(JSON.stringify(activity)) as Partial<Activity>;
    return {
      ...rest,
      type: rest.type ?? ActivityTypes.Message,
      channelId: DIRECTLINE_CHANNEL,
      conversation: conversation(grant.conversationId),
      from: BOT_ACCOUNT,
      recipient: visitor(grant),
      ...(replyToId === undefined ? {} : { replyToId }),
    };
  };

  const runTurn = async (grant: TokenGrant, activity: Partial<Activity>, client: string, showTyping: boolean, page?: ShopperPage): Promise<void> => {
    const replyToId = activity.id;
    if (showTyping) {
      // Dropped while the turn waited (nobody spoke in it and room was needed): no turn, so the
      // bot keeps nothing for a conversation that is gone.
      const typing = await log.append(grant.conversationId, [fromBot(grant, { type: ActivityTypes.Typing }, replyToId)]);
      if (typing.length === 0) return;
    }
    const replies = await clasp.runTurn({ brand: grant.brand, client, ...(page === undefined ? {} : { page }) }, activity);
    const outgoing = replies.filter((reply) => reply.type !== 'delay' && reply.type !== ActivityTypes.Trace).map((reply) => fromBot(grant, reply, replyToId));
    if (outgoing.length === 0) return;
    const logged = await log.append(grant.conversationId, outgoing);
    // Dropped during the turn: what the turn saved would outlive it, holding a place in the bot's store.
    if (logged.length === 0) await clasp.conversations.forget(widgetStateKey(grant.brand, grant.conversationId));
  };

  return {
    async start(grant, client) {
      if (!(await log.start(grant.conversationId))) return;
      const joined = { ...shopperJoined(DIRECTLINE_CHANNEL, grant.conversationId, visitor(grant)), timestamp: deps.now() };
      queue.enqueue(grant.conversationId, () => runTurn(grant, joined, client, true));
    },

    async post(grant, posted, client) {
      if (!queue.hasRoom(grant.conversationId)) return 'busy';
      const clientActivityID = posted.channelData?.clientActivityID;
      const clientTimestamp = posted.channelData?.clientTimestamp;
      const channelData =
        clientActivityID === undefined && clientTimestamp === undefined
          ? {}
          : { channelData: { ...(clientActivityID === undefined ? {} : { clientActivityID }), ...(clientTimestamp === undefined ? {} : { clientTimestamp }) } };
      const addressed = {
        type: posted.type,
        channelId: DIRECTLINE_CHANNEL,
        conversation: conversation(grant.conversationId),
        from: visitor(grant, posted.from?.name === undefined ? undefined : redactSecrets(posted.from.name)),
        recipient: BOT_ACCOUNT,
      };
      if (posted.type === 'typing') {
        // Shown to whoever watches the stream now, kept nowhere: its text and value go no further.
        const relayed = await log.relay(grant.conversationId, { ...addressed, ...channelData });
        return relayed === undefined ? 'gone' : { id: relayed.id };
      }
      // Before the echo is logged, so the conversation cannot be dropped between the two.
      if (posted.type === 'message' && !(await log.spoke(grant.conversationId))) return 'gone';
      const echo: Outgoing = {
        ...addressed,
        ...(posted.text === undefined ? {} : { text: redactSecrets(posted.text) }),
        ...(posted.textFormat === undefined ? {} : { textFormat: posted.textFormat }),
        ...(posted.locale === undefined ? {} : { locale: posted.locale }),
        ...(posted.name === undefined ? {} : { name: posted.name }),
        ...(posted.value === undefined ? {} : { value: redactDeep(posted.value) }),
        ...(posted.localTimestamp === undefined ? {} : { localTimestamp: posted.localTimestamp }),
        ...(posted.localTimezone === undefined ? {} : { localTimezone: posted.localTimezone }),
        ...channelData,
      };
      const [logged] = await log.append(grant.conversationId, [echo]);
      if (logged === undefined) return 'gone';
      // Messages and events are turns for the bot, which reads the redacted echo like the page.
      const { localTimestamp: _local, timestamp, ...fields } = logged;
      const forBot: Partial<Activity> = { ...fields, timestamp: new Date(timestamp) };
      // Where the shopper is goes to the bot with the turn (a handoff's ticket names it), never into the log.
      const page = pageContextSchema.safeParse(posted.channelData?.page);
      queue.enqueue(grant.conversationId, () => runTurn(grant, forBot, client, posted.type === 'message', page.success ? { url: redactSecrets(page.data.url), title: redactSecrets(page.data.title) } : undefined));
      return { id: logged.id };
    },
  };
}
