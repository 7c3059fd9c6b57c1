// The widget's Direct Line conversations shared by several instances (STATE_STORE=redis): who a
// conversation belongs to, its activities in order with their watermarks, and a notification on
// every append (pub/sub), so a shopper whose polls, posts and WebSocket land on different
// instances sees one conversation. Per conversation, under the prefix:
//   <id>:info  hash: brand, user, client, started, spoken
//   <id>:seq   activities ever logged (the watermark)
//   <id>:log   sorted set of activity JSON by sequence number, the newest maxActivities kept
// and per client (bot/client-key.ts) `client:<key>`, a sorted set of its conversations by when
// they were opened, so every instance holds a client to the same bound.
// A conversation nobody has spoken in expires at the end of its first-message window, whatever
// touches it; once its visitor has spoken, everything expires after the idle time, renewed on
// each touch. The scripts name the per-client keys themselves (a single Redis, as REDIS_URL
// names, not a cluster).
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { BrandId } from '../../knowledge/brand-ids.js';
import { relayedId, type ActivityListener, type ActivitySet, type Admission, type ConversationInfo, type ConversationLog, type LoggedActivity } from './conversation-log.js';

export interface RedisConversationLogOptions {
  maxActivities: number;
  idleSeconds: number;
  /** A conversation whose visitor has sent no message this long after it was opened expires. */
  firstMessageSeconds: number;
  /** Conversations one client may hold; at it, its own oldest nobody spoke in makes room. */
  maxPerClient: number;
  now: () => Date;
  prefix?: string;
}

// The id placeholder; the activity's id is its first key, so the first match is always the id.
const SEQUENCE = '__SEQ__';

// Renews a conversation's keys (KEYS: info, seq, log) on a touch. ARGV[1]: idle ms, ARGV[2]: the
// prefix. Spoken in: all of them, and its client's set, for the idle time. Not yet: the window
// it was opened with runs on, and the keys made since (seq, log) end with it.
const TOUCH = `
local function touch(idle, prefix)
  if redis.call('HGET', KEYS[1], 'spoken') == '1' then
    for _, key in ipairs(KEYS) do redis.call('PEXPIRE', key, idle) end
    local client = redis.call('HGET', KEYS[1], 'client')
    if client then redis.call('PEXPIRE', prefix .. 'client:' .. client, idle) end
  else
    local left = redis.call('PTTL', KEYS[1])
    if left > 0 then
      for i = 2, #KEYS do redis.call('PEXPIRE', KEYS[i], left) end
    end
  end
end
`;

// KEYS: info, seq, log, the client's set. ARGV: brand, user, client, max per client, window ms,
// idle ms, prefix, id, now ms, first sequence, started. Opens the conversation unless it exists,
// first dropping the client's oldest unspoken one at its bound: 'admitted' or 'client_full'.
const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 'admitted' end
local prefix = ARGV[7]
local held = {}
for _, other in ipairs(redis.call('ZRANGE', KEYS[4], 0, -1)) do
  if redis.call('EXISTS', prefix .. other .. ':info') == 1 then held[#held + 1] = other
  else redis.call('ZREM', KEYS[4], other) end
end
if #held >= tonumber(ARGV[4]) then
  local dropped = false
  for _, other in ipairs(held) do
    if redis.call('HGET', prefix .. other .. ':info', 'spoken') == '0' then
      redis.call('DEL', prefix .. other .. ':info', prefix .. other .. ':seq', prefix .. other .. ':log')
      redis.call('ZREM', KEYS[4], other)
      dropped = true
      break
    end
  end
  if not dropped then return 'client_full' end
end
redis.call('DEL', KEYS[2], KEYS[3])
redis.call('HSET', KEYS[1], 'brand', ARGV[1], 'user', ARGV[2], 'client', ARGV[3], 'started', ARGV[11], 'spoken', '0')
redis.call('PEXPIRE', KEYS[1], ARGV[5])
if tonumber(ARGV[10]) > 0 then redis.call('SET', KEYS[2], ARGV[10], 'PX', ARGV[5]) end
redis.call('ZADD', KEYS[4], ARGV[9], ARGV[8])
-- The set lasts as long as the longest-lived conversation it can name.
redis.call('PEXPIRE', KEYS[4], math.max(tonumber(ARGV[6]), redis.call('PTTL', KEYS[4])))
return 'admitted'
`;

// KEYS: info, seq, log. ARGV: idle ms, prefix. The info hash (empty when gone), touched.
const GET = `${TOUCH}
local fields = redis.call('HGETALL', KEYS[1])
if #fields > 0 then touch(ARGV[1], ARGV[2]) end
return fields
`;

// KEYS: info, seq, log. ARGV: idle ms, prefix. Marks that the visitor spoke; 0 when gone.
const SPOKE = `${TOUCH}
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'spoken', '1')
touch(ARGV[1], ARGV[2])
return 1
`;

// KEYS: info, seq, log. ARGV: idle ms, prefix, max kept, channel, then each activity's JSON.
// Appends atomically: the sequence numbers, the ids in the JSON, the trim and the notification
// agree whatever other instance appends at the same moment.
const APPEND = `${TOUCH}
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local n = #ARGV - 4
local last = redis.call('INCRBY', KEYS[2], n)
local logged = {}
-- Numbers go to Redis as text written out whole: Lua's own conversion rounds past 14 digits,
-- and a conversation opened again counts from fifteen (conversation-log.ts, reopenedSequence).
for i = 1, n do
  local sequence = last - n + i - 1
  local json = string.gsub(ARGV[4 + i], '${SEQUENCE}', string.format('%07d', sequence), 1)
  redis.call('ZADD', KEYS[3], string.format('%d', sequence), json)
  logged[i] = json
end
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. string.format('%d', last - tonumber(ARGV[3])))
touch(ARGV[1], ARGV[2])
local set = '{"watermark":"' .. string.format('%d', last) .. '","activities":[' .. table.concat(logged, ',') .. ']}'
redis.call('PUBLISH', ARGV[4], set)
return set
`;

// KEYS: info, seq, log. ARGV: idle ms, prefix, from. The set after "from" and the watermark, read together.
const READ = `${TOUCH}
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
touch(ARGV[1], ARGV[2])
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
local logged = redis.call('ZRANGEBYSCORE', KEYS[3], ARGV[3], '+inf')
return '{"watermark":"' .. string.format('%d', last) .. '","activities":[' .. table.concat(logged, ',') .. ']}'
`;

// KEYS: info. Marks the conversation started; 1 only for the call that did it.
const START = `
if redis.call('HGET', KEYS[1], 'started') == '0' then
  redis.call('HSET', KEYS[1], 'started', '1')
  return 1
end
return 0
`;

/**
 * `subscriber` is a connection of its own (a subscribed connection can do nothing else); the log
 * subscribes to every conversation's notifications once, before it is used, so a stream opened
 * on any instance misses nothing appended after it subscribed.
 */
export async function createRedisConversationLog(redis: Redis, subscriber: Redis, options: RedisConversationLogOptions): Promise<ConversationLog> {
  const prefix = options.prefix ?? 'clasp:dl:';
  const idleMs = String(options.idleSeconds * 1000);
  // A window longer than the idle time would outlast the conversation anyway.
  const windowMs = String(Math.min(options.firstMessageSeconds, options.idleSeconds) * 1000);
  const keys = (id: string) => [`${prefix}${id}:info`, `${prefix}${id}:seq`, `${prefix}${id}:log`];
  const channelPrefix = `${prefix}events:`;
  const listeners = new Map<string, Set<ActivityListener>>();

  await subscriber.psubscribe(`${channelPrefix}*`);
  subscriber.on('pmessage', (_pattern: string, channel: string, message: string) => {
    const local = listeners.get(channel.slice(channelPrefix.length));
    if (local === undefined) return;
    const { relayed, ...set } = JSON.parse(message) as ActivitySet & { relayed?: boolean };
    for (const listener of local) listener(set, relayed === true);
  });

  return {
    // No bound on the count here: the Redis server's own memory settings (maxmemory) bound it;
    // the per-client bound and the first-message window keep strangers from holding it.
    async create(id, info, opening = {}) {
      const answer = await redis.eval(
        CREATE,
        4,
        ...keys(id),
        `${prefix}client:${info.client}`,
        info.brand,
        info.user,
        info.client,
        String(options.maxPerClient),
        windowMs,
        idleMs,
        prefix,
        id,
        String(options.now().getTime()),
        String(opening.firstSequence ?? 0),
        opening.started === true ? '1' : '0',
      );
      return answer as Admission;
    },
    async get(id) {
      const flat = (await redis.eval(GET, 3, ...keys(id), idleMs, prefix)) as string[];
      const fields: Record<string, string> = {};
      for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
      if (fields.brand === undefined || fields.user === undefined) return undefined;
      const conversation: ConversationInfo = {
        brand: fields.brand as BrandId,
        user: fields.user,
        client: fields.client ?? '',
        started: fields.started === '1',
        spoken: fields.spoken === '1',
      };
      return conversation;
    },
    async start(id) {
      // True for one call only: the bot is told the visitor joined once, whichever instance asks.
      return (await redis.eval(START, 1, keys(id)[0]!)) === 1;
    },
    async spoke(id) {
      return (await redis.eval(SPOKE, 3, ...keys(id), idleMs, prefix)) === 1;
    },
    async append(id, activities) {
      if (activities.length === 0) return [];
      const stamp = new Date(options.now()).toISOString();
      const json = activities.map((activity) => {
        const { id: _id, ...rest } = activity as typeof activity & { id?: string };
        return JSON.stringify({ id: `${id}|${SEQUENCE}`, ...rest, timestamp: activity.timestamp ?? stamp });
      });
      const set = (await redis.eval(APPEND, 3, ...keys(id), idleMs, prefix, String(options.maxActivities), channelPrefix + id, ...json)) as string | null;
      return set === null ? [] : (JSON.parse(set) as ActivitySet).activities;
    },
    async relay(id, activity) {
      if ((await redis.exists(keys(id)[0]!)) === 0) return undefined;
      const relayed: LoggedActivity = { ...activity, id: relayedId(id, randomBytes(6).toString('base64url')), timestamp: new Date(options.now()).toISOString() };
      // Never stored: the watermark is whatever each stream has reached.
      await redis.publish(channelPrefix + id, JSON.stringify({ relayed: true, activities: [relayed], watermark: '' }));
      return relayed;
    },
    async read(id, watermark) {
      const set = (await redis.eval(READ, 3, ...keys(id), idleMs, prefix, String(watermark ?? 0))) as string | null;
      return set === null ? undefined : (JSON.parse(set) as ActivitySet);
    },
    subscribe(id, listener) {
      const local = listeners.get(id) ?? new Set();
      local.add(listener);
      listeners.set(id, local);
      return () => {
        local.delete(listener);
        if (local.size === 0 && listeners.get(id) === local) listeners.delete(id);
      };
    },
    usage: () => undefined,
    close() {
      listeners.clear();
      void subscriber.punsubscribe().catch(() => undefined);
    },
  };
}
