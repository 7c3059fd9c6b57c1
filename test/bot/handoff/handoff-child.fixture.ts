// A stand-in for the server process in the kill -9 test: opens the outbox, starts the sender,
// stores the submissions it is given (printing "STORED <id>" only once each is on disk, the
// moment the shopper would be told), then keeps running until it is killed.
import type { HandoffSubmission } from '../../../knowledge/handoff/handoff-ticket.types.js';
import { BrandProfileSchema } from '../../../knowledge/brands/index.js';
import { composeHandoffEmail } from '../../../bot/handoff/handoff-email.js';
import { openHandoffOutbox } from '../../../bot/handoff/handoff-outbox.js';
import { createHandoffSender, type SenderLogger } from '../../../bot/handoff/handoff-sender.js';
import { createHandoffSubmitter } from '../../../bot/handoff/handoff-submitter.js';
import { createSmtpTransport } from '../../../bot/handoff/handoff-transport.js';
import { demoProfile } from '../../support/brands.js';

const [dir, smtpUrl] = process.argv.slice(2);
const submissions = JSON.parse(process.env.HANDOFF_SUBMISSIONS ?? '[]') as HandoffSubmission[];
if (dir === undefined || smtpUrl === undefined) throw new Error('usage: handoff-child <outboxDir> <smtpUrl>');

const silent: SenderLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const profileOf = (brand: HandoffSubmission['brand']) => BrandProfileSchema.parse(demoProfile(brand));

const outbox = await openHandoffOutbox(dir);
const sender = createHandoffSender({
  outbox,
  transport: createSmtpTransport(smtpUrl, 60_000),
  compose: (ticket) => composeHandoffEmail(ticket, profileOf(ticket.brand), 'Clasp <clasp@clasp.example>'),
  retry: { baseDelayMs: 50, maxDelayMs: 200, maxRejections: 3 },
  logger: silent,
});
const submitter = createHandoffSubmitter({
  outbox,
  sender,
  transcriptOf: async () => [],
  profileOf,
  recipients: { supportInboxes: {}, escalationInboxes: {} },
  mailFromOf: () => 'Clasp <clasp@clasp.example>',
  now: () => new Date(),
  logger: silent,
});
await sender.start();
for (const [index, submission] of submissions.entries()) {
  const ticket = await submitter.submit(submission, `child/test/conversations/${index}`);
  process.stdout.write(`STORED ${ticket.id}\n`);
}
setInterval(() => undefined, 1_000);
