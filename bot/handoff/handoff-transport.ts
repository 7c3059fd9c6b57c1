// How a composed email leaves: over SMTP (SMTP_URL), or, without one, as an .eml file in the
// outbox so the demo works offline. Either way `send` resolves only once the message is safely
// somewhere else: accepted by the server, or written durably.
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { HandoffTicket } from '../../knowledge/handoff/handoff-ticket.types.js';
import type { HandoffOutbox } from './handoff-outbox.js';

export interface HandoffTransport {
  readonly via: 'smtp' | 'eml';
  /** Resolves with the server's response (or the file written); rejects if the message was not taken. */
  send(ticket: HandoffTicket, mail: SendMailOptions): Promise<string>;
  close(): void;
}

export function createSmtpTransport(url: string, timeoutMs: number): HandoffTransport {
  // No pool: each attempt gets a fresh connection, so a server that died mid-session costs one
  // attempt, not a stuck pool. Timeouts bound how long a slow server can hold a ticket.
  const mailer = nodemailer.createTransport({
    url,
    pool: false,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    via: 'smtp',
    async send(_ticket, mail) {
      const info = await mailer.sendMail(mail);
      if (info.rejected.length > 0) {
        throw Object.assign(new Error(`recipient refused: ${info.rejected.join(', ')}`), { permanent: true });
      }
      return info.response;
    },
    close: () => mailer.close(),
  };
}

export function createEmlTransport(outbox: Pick<HandoffOutbox, 'writeEml'>): HandoffTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    via: 'eml',
    async send(ticket, mail) {
      const info = await composer.sendMail(mail);
      const message = info.message;
      if (!Buffer.isBuffer(message)) throw new Error('the message was not built as a buffer');
      return outbox.writeEml(ticket.id, message);
    },
    close: () => composer.close(),
  };
}
