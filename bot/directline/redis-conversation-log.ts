// The widget's Direct Line conversations shared by several instances (STATE_STORE=redis): who a
// conversation belongs to, its activities in order with their watermarks, and a notification on
// every append (pub/sub), so a shopper whose polls, posts and WebSocket land on different
// instances sees one conversation. Per conversation, under the prefix:
//   <id>:info  hash: brand, user, started     <id>:seq  activities ever logged (the watermark)
//   <id>:log   sorted set of activity JSON by sequence number, the newest maxActivities kept
// Everything expires after the idle time, renewed on each touch.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { BrandId } from '../../knowledge/brand-ids.js';
import { relayedId, type ActivityListener, type ActivitySet, type ConversationInfo, type ConversationLog, type LoggedActivity } from './conversation-log.js';

export interface RedisConversationLogOptions {
  maxActivities: number;
  idleSeconds: number;
  now: () => Date;
  prefix?: string;
}

// The id placeholder; the activity's id is its first key, so the first match is always the id.
const SEQUENCE = '__SEQ__';

// KEYS: info, seq, log. ARGV: max kept, idle ms, channel, then each activity's JSON.
// Appends atomically: the sequence numbers, the ids in the JSON, the trim and the notification
// agree whatever other instance appends at the same moment.
const APPEND = `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local n = #ARGV - 3
local last = redis.call('INCRBY', KEYS[2], n)
local logged = {}
for i = 1, n do
  local sequence = last - n + i - 1
  local json = string.gsub(ARGV[3 + i], '${SEQUENCE}', string.format('%07d', sequence), 1)
  redis.call('ZADD', KEYS[3], sequence, json)
  logged[i] = json
end
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. (last - tonumber(ARGV[1])))
for _, key in ipairs(KEYS) do redis.call('PEXPIRE', key, ARGV[2]) end
local set = '{"watermark":"' .. last .. '","activities":[' .. table.concat(logged, ',') .. ']}'
redis.call('PUBLISH', ARGV[3], set)
return set
`;

// KEYS: info, seq, log. ARGV: from, idle ms. The set after `from` and the watermark, read together.
const READ = `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
for _, key in ipairs(KEYS) do redis.call('PEXPIRE', key, ARGV[2]) end
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
local logged = redis.call('ZRANGEBYSCORE', KEYS[3], ARGV[1], '+inf')
return '{"watermark":"' .. last .. '","activities":[' .. table.concat(logged, ',') .. ']}'
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
    // Bounded by the Redis server's own memory settings (maxmemory), not by this process.
    async create(id, info) {
      const [infoKey] = keys(id);
      await redis.multi().hsetnx(infoKey!, 'brand', info.brand).hsetnx(infoKey!, 'user', info.user).hsetnx(infoKey!, 'started', '0').pexpire(infoKey!, idleMs).exec();
      return true;
    },
    async get(id) {
      const [infoKey] = keys(id);
      const [[, fields]] = (await redis.multi().hgetall(infoKey!).pexpire(infoKey!, idleMs).exec()) as [[Error | null, Record<string, string>]];
      if (fields.brand === undefined || fields.user === undefined) return undefined;
      const info: ConversationInfo = { brand: fields.brand as BrandId, user: fields.user, started: fields.started === '1' };
      return info;
    },
    async start(id) {
      // True for one call only: the bot is told the visitor joined once, whichever instance asks.
      return (await redis.eval(START, 1, keys(id)[0]!)) === 1;
    },
    async append(id, activities) {
      if (activities.length === 0) return [];
      const stamp = new Date(options.now()).toISOString();
      const json = activities.map((activity) => {
        const { id: _id, ...rest } = activity as typeof activity & { id?: string };
        return JSON.stringify({ id: `${id}|${SEQUENCE}`, ...rest, timestamp: activity.timestamp ?? stamp });
      });
      const set = (await redis.eval(APPEND, 3, ...keys(id), String(options.maxActivities), idleMs, channelPrefix + id, ...json)) as string | null;
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
      const set = (await redis.eval(READ, 3, ...keys(id), String(watermark ?? 0), idleMs)) as string | null;
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
