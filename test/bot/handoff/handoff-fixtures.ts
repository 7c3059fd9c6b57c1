// Fixtures for the handoff integration tests: a real SMTP server on loopback (smtp-server) whose
// behaviour a test can switch (accept, refuse for now, refuse for good, hang), messages parsed
// with mailparser, and tickets built the way the flow builds them.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

import type { BrandId } from '../../../knowledge/brand-ids.js';
import { BrandProfileSchema, type BrandProfile } from '../../../knowledge/brands/index.js';
import type { HandoffCase } from '../../../knowledge/handoff/handoff-case.types.js';
import type { HandoffSubmission, HandoffTicket, TranscriptLine } from '../../../knowledge/handoff/handoff-ticket.types.js';
import { redactSecrets } from '../../../knowledge/handoff/redaction.js';
import { replyBy } from '../../../knowledge/handoff/reply-by.js';
import { escalationRoute, handoffSubject } from '../../../knowledge/handoff/subject.js';
import { urgencyOf } from '../../../knowledge/handoff/urgency.js';
import { orderSchema, type Order } from '../../../knowledge/orders/order.schema.js';
import type { HandoffConfig } from '../../../bot/handoff/handoff-config.js';
import { createTicket } from '../../../bot/handoff/handoff-ticket.js';
import type { SenderLogger } from '../../../bot/handoff/handoff-sender.js';
import { demoProfile } from '../../support/brands.js';

export type SmtpMode = 'accept' | 'refuse-temporarily' | 'refuse-permanently' | 'hang';

export interface Received {
  parsed: ParsedMail;
  raw: Buffer;
  envelope: { from: string; to: string[] };
}

export interface TestSmtp {
  port: number;
  url: string;
  received: Received[];
  /** The raw messages refused (451 or 550), in order. */
  refused: Buffer[];
  mode: SmtpMode;
  /** Data transfers started (including ones never answered). */
  dataStarted: number;
  onDataStarted?: () => void;
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
}

export async function startSmtp(port = 0): Promise<TestSmtp> {
  const hanging = new Set<() => void>();
  const state: TestSmtp = {
    port,
    url: '',
    received: [],
    refused: [],
    mode: 'accept',
    dataStarted: 0,
    stop: async () => undefined,
    restart: async () => undefined,
  };
  let server: SMTPServer;

  const create = () =>
    new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        state.dataStarted += 1;
        state.onDataStarted?.();
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const mode = state.mode;
          if (mode === 'hang') {
            // Never answer: the client's socket timeout (or a kill) ends it.
            hanging.add(() => callback(new Error('closing')));
            return;
          }
          if (mode === 'refuse-temporarily' || mode === 'refuse-permanently') state.refused.push(Buffer.concat(chunks));
          if (mode === 'refuse-temporarily') return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          if (mode === 'refuse-permanently') return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
          const raw = Buffer.concat(chunks);
          const envelope = {
            from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          };
          simpleParser(raw)
            .then((parsed) => {
              state.received.push({ parsed, raw, envelope });
              callback(null, 'Queued as test');
            })
            .catch((error: Error) => callback(error));
        });
      },
    });

  const listen = async () => {
    server = create();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(state.port, '127.0.0.1', () => resolve());
    });
    // A client killed mid-transfer (the kill -9 test) resets its socket; smtp-server reports that
    // as an 'error' event, which a real mail server logs and survives. Without a listener it
    // would surface as an uncaught exception in whatever test runs at that moment.
    server.on('error', () => undefined);
    state.port = (server.server.address() as AddressInfo).port;
    state.url = `smtp://127.0.0.1:${state.port}`;
  };

  state.stop = async () => {
    for (const release of hanging) release();
    hanging.clear();
    for (const connection of server.connections) connection.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  state.restart = listen;
  await listen();
  return state;
}

export async function tempDir(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'clasp-handoff-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export const quietLogger: SenderLogger & { lines: Array<{ level: string; fields: object; message: string }> } = {
  lines: [],
  info(fields, message) {
    this.lines.push({ level: 'info', fields, message });
  },
  warn(fields, message) {
    this.lines.push({ level: 'warn', fields, message });
  },
  error(fields, message) {
    this.lines.push({ level: 'error', fields, message });
  },
};

export function profileOf(brand: BrandId): BrandProfile {
  return BrandProfileSchema.parse(demoProfile(brand));
}

export function testConfig(outboxDir: string, overrides: Partial<HandoffConfig> = {}): HandoffConfig {
  return {
    smtpUrl: undefined,
    smtpTimeoutMs: 2_000,
    outboxDir,
    adminToken: undefined,
    mailFrom: 'Clasp <clasp@clasp.example>',
    mailFromByBrand: {},
    supportInboxes: {},
    escalationInboxes: {},
    retry: { baseDelayMs: 20, maxDelayMs: 100, maxRejections: 3 },
    transcriptLink: undefined,
    ...overrides,
  };
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const ITEMS = [
  { sku: 'RNG-7', name: 'Twisted Wire Ring', quantity: 1, unitPrice: 54, finalSale: false, personalized: false },
  { sku: 'CHM-3', name: 'Engraved <Heart> Charm', quantity: 2, unitPrice: 30, finalSale: true, personalized: true },
];

export function deliveredOrder(brand: BrandId, orderNumber = 'JAM-1001'): Order {
  return orderSchema.parse({
    brand,
    orderNumber,
    email: 'jane@example.com',
    customerName: 'Jane Doe',
    placedAt: '2026-11-16T15:04:00Z',
    status: 'delivered',
    shippedAt: '2026-11-18T18:00:00Z',
    deliveredAt: '2026-11-25T18:00:00Z',
    carrier: 'UPS',
    trackingNumber: '1Z999AA10123456784',
    trackingUrl: 'https://tracking.example/1Z999AA10123456784',
    shipTo: { country: 'US', region: 'TX', postalCode: '78701' },
    items: ITEMS,
  });
}

/** A submission as the flow makes it. */
export function submissionFor(
  brand: BrandId,
  handoffCase: HandoffCase,
  who: { name?: string; email?: string; description?: string } = {},
  at = '2026-11-27T15:00:00Z',
): HandoffSubmission {
  const profile = demoProfile(brand);
  const description = redactSecrets(who.description ?? handoffCase.description ?? 'Please help');
  const urgency = urgencyOf(profile, { ...handoffCase, description }, at);
  const escalation = escalationRoute(profile, handoffCase.category, description);
  const name = who.name ?? 'Jane Doe';
  const orderNumber = handoffCase.orderNumber ?? handoffCase.verifiedOrder?.orderNumber ?? null;
  return {
    brand,
    category: handoffCase.category,
    urgency,
    subject: escalation?.subject ?? handoffSubject({ category: handoffCase.category, urgency, customerName: name, orderNumber }),
    customer: { name, email: who.email ?? 'jane@example.com' },
    orderNumber,
    verifiedOrder: handoffCase.verifiedOrder ?? null,
    returnVerdict: handoffCase.returnVerdict ?? null,
    description,
    escalation,
    expectation: replyBy(profile, at),
  };
}

let counter = 0;

export function ticketFor(
  submission: HandoffSubmission,
  options: {
    transcript?: TranscriptLine[];
    now?: Date;
    supportInboxes?: Partial<Record<BrandId, string>>;
    escalationInboxes?: Partial<Record<BrandId, string>>;
    /** The brand's From, whose domain the Message-ID takes; unset: the default From. */
    mailFrom?: string;
  } = {},
): HandoffTicket {
  counter += 1;
  const now = options.now ?? new Date('2026-11-27T15:00:00Z');
  return createTicket(submission, {
    now,
    id: `20261127-T${String(counter).padStart(9, '0')}`,
    transcript: options.transcript ?? [],
    conversationKey: `${submission.brand}/test/conversations/c-${counter}`,
    profile: profileOf(submission.brand),
    recipients: { supportInboxes: options.supportInboxes ?? {}, escalationInboxes: options.escalationInboxes ?? {} },
    mailFrom: options.mailFrom,
  });
}
