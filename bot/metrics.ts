// What an operator watches in Prometheus (GET /metrics). One registry per running Clasp, so two
// apps in one process (the tests) never share counts.
import type { IncomingMessage } from 'node:http';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BrandId } from '../knowledge/brand-ids.js';
import { clientKeyOf } from './client-key.js';
import type { TurnReport } from './turn-runner.js';

export type LimitName = 'messages_per_conversation' | 'messages_per_client' | 'turn_cpu_per_client' | 'conversation_starts' | 'handoffs_per_client';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Whether a scrape comes from this host itself, as GET /metrics requires without METRICS_TOKEN:
 * the socket's own address is loopback (never X-Forwarded-For, which anyone can write), and no
 * proxy relayed it (a proxy on this host connects from loopback on behalf of anyone, and says so
 * in these headers).
 */
export function isLocalScrape(req: IncomingMessage): boolean {
  if (req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined || req.headers['x-real-ip'] !== undefined) return false;
  const address = req.socket.remoteAddress ?? '';
  // A dual-stack socket reports an IPv4 peer as ::ffff:a.b.c.d; its client key is the IPv4 address.
  const v4 = clientKeyOf(address);
  if (isIPv4(v4)) return LOOPBACK.check(v4, 'ipv4');
  return isIPv6(address) && LOOPBACK.check(address, 'ipv6');
}

/** Where conversations are held in this process: the bot's state, and the widget's Direct Line log. */
export type ConversationHolder = 'state' | 'widget';

/** How much one holder keeps now. */
export interface HolderUsage {
  conversations: number;
  /** The JSON kept, in characters. */
  bytes: number;
}

export interface Metrics {
  readonly registry: Registry;
  turn(report: TurnReport): void;
  handoffStored(brand: BrandId, urgent: boolean): void;
  handoffDelivery(outcome: 'sent' | 'failed'): void;
  verificationFailed(brand: BrandId, locked: boolean): void;
  rateLimited(limit: LimitName): void;
  /** A ticket the outbox could not store (the shopper was told it was not sent). */
  handoffStoreFailed(): void;
  /** A new conversation refused because `holder` is full (503). */
  conversationRefused(holder: ConversationHolder): void;
  /** Tickets not yet sent, read when Prometheus scrapes. */
  watchOutbox(depth: () => Promise<number>): void;
  /** What a holder in this process keeps, read when Prometheus scrapes (shared Redis ones are not watched). */
  watchHolder(holder: ConversationHolder, usage: () => HolderUsage): void;
  /** The text Prometheus scrapes. */
  render(): Promise<string>;
}

// Turns run in microseconds to a second (an order lookup); the buckets cover both ends.
const TURN_SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'clasp_' });
  const registers = [registry];

  const turns = new Counter({ name: 'clasp_turns_total', help: 'Turns answered, by brand and the topic of the first reply.', labelNames: ['brand', 'topic'], registers });
  const fallbacks = new Counter({ name: 'clasp_fallback_turns_total', help: 'Turns where the bot was unsure and asked "Did you mean".', labelNames: ['brand'], registers });
  const outOfScope = new Counter({ name: 'clasp_out_of_scope_turns_total', help: 'Turns answered as out of scope.', labelNames: ['brand'], registers });
  const failedTurns = new Counter({ name: 'clasp_failed_turns_total', help: 'Turns that failed and were answered with an apology.', labelNames: ['brand'], registers });
  const turnSeconds = new Histogram({ name: 'clasp_turn_duration_seconds', help: 'Time to answer a turn, storage included.', labelNames: ['brand'], buckets: TURN_SECONDS_BUCKETS, registers });
  const handoffs = new Counter({ name: 'clasp_handoffs_total', help: 'Handoff tickets stored, by brand and urgency.', labelNames: ['brand', 'urgent'], registers });
  const deliveries = new Counter({ name: 'clasp_handoff_deliveries_total', help: 'Handoff email attempts, by outcome.', labelNames: ['outcome'], registers });
  const verificationFailures = new Counter({
    name: 'clasp_verification_failures_total',
    help: 'Order verifications that did not match (number and email), and lookups refused while locked out.',
    labelNames: ['brand', 'locked'],
    registers,
  });
  const rateLimited = new Counter({ name: 'clasp_rate_limited_total', help: 'Requests refused by a rate limit.', labelNames: ['limit'], registers });
  const storeFailures = new Counter({ name: 'clasp_handoff_store_failures_total', help: 'Handoff tickets that could not be stored (the shopper was told).', registers });
  const refused = new Counter({
    name: 'clasp_conversations_refused_total',
    help: 'New conversations refused (503) because the conversations kept reached their limit.',
    labelNames: ['holder'],
    registers,
  });
  const holders = new Map<ConversationHolder, () => HolderUsage>();
  const usageOf = (holder: ConversationHolder) => holders.get(holder)?.();
  new Gauge({
    name: 'clasp_conversations_kept',
    help: 'Conversations kept in this process, by holder (state: the bot\'s, widget: the Direct Line log).',
    labelNames: ['holder'],
    registers,
    collect() {
      for (const holder of holders.keys()) this.set({ holder }, usageOf(holder)?.conversations ?? 0);
    },
  });
  new Gauge({
    name: 'clasp_conversations_kept_bytes',
    help: 'JSON characters kept for those conversations, by holder.',
    labelNames: ['holder'],
    registers,
    collect() {
      for (const holder of holders.keys()) this.set({ holder }, usageOf(holder)?.bytes ?? 0);
    },
  });
  let outboxDepth: (() => Promise<number>) | undefined;
  new Gauge({
    name: 'clasp_handoff_outbox_depth',
    help: 'Handoff tickets stored but not yet sent.',
    registers,
    async collect() {
      if (outboxDepth !== undefined) this.set(await outboxDepth());
    },
  });

  return {
    registry,
    turn(report) {
      turns.inc({ brand: report.brand, topic: report.topic ?? 'none' });
      if (report.fallback) fallbacks.inc({ brand: report.brand });
      if (report.topic === 'out_of_scope') outOfScope.inc({ brand: report.brand });
      if (report.failed) failedTurns.inc({ brand: report.brand });
      turnSeconds.observe({ brand: report.brand }, report.seconds);
    },
    handoffStored: (brand, urgent) => handoffs.inc({ brand, urgent: String(urgent) }),
    handoffDelivery: (outcome) => deliveries.inc({ outcome }),
    verificationFailed: (brand, locked) => verificationFailures.inc({ brand, locked: String(locked) }),
    rateLimited: (limit) => rateLimited.inc({ limit }),
    handoffStoreFailed: () => storeFailures.inc(),
    conversationRefused: (holder) => refused.inc({ holder }),
    watchOutbox(depth) {
      outboxDepth = depth;
    },
    watchHolder(holder, usage) {
      holders.set(holder, usage);
    },
    render: () => registry.metrics(),
  };
}
