// Who a brand's handoff email is from (HANDOFF_MAIL_FROM, and MAIL_FROM_<BRAND> per brand; see
// .env.example). The From's domain is also the domain of the ticket's Message-ID
// (bot/handoff/handoff-ticket.ts), so an agent's mail server sees a Message-ID from the sender's
// own domain rather than one no server owns.
import { z } from 'zod';
import type { BrandId } from '../../knowledge/brand-ids.js';
import { optionalString } from '../env-values.js';

export const DEFAULT_MAIL_FROM = 'Clasp support assistant <clasp@clasp.example>';

// `Name <address>` or a bare address, cut apart at the angle brackets rather than by one pattern
// (a lazy name followed by optional spaces backtracks quadratically on a long run of spaces).
// The name may not hold angle brackets or line breaks (a header value must stay one header); the
// address may hold no space or bracket, and is checked by zod's email rule.
const NOT_IN_NAME = /[<>\r\n]/;
const NOT_IN_ADDRESS = /[<>\s]/;

export interface MailFrom {
  /** Undefined for a bare address. */
  name: string | undefined;
  address: string;
}

const emailAddress = z.email();

/** `Kendra Scott Support <help@kendrascott.example>` → name and address; undefined when it is neither form. */
export function parseMailFrom(value: string): MailFrom | undefined {
  const text = value.trim();
  const open = text.lastIndexOf('<');
  const named = text.endsWith('>') && open !== -1;
  const name = named ? text.slice(0, open).trim() : '';
  const address = named ? text.slice(open + 1, -1) : text;
  if (NOT_IN_NAME.test(name) || address === '' || NOT_IN_ADDRESS.test(address) || !emailAddress.safeParse(address).success) return undefined;
  return { name: name === '' ? undefined : name, address };
}

/** The domain of a From value, lower-cased: `help@KendraScott.example` → `kendrascott.example`. */
export function mailFromDomain(value: string): string {
  const address = parseMailFrom(value)?.address;
  if (address === undefined) throw new Error('not a From address (checked at start-up by bot/handoff/handoff-config.ts)');
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

export const MAIL_FROM_PROBLEM = 'must be an email address or "Name <address>", e.g. Kendra Scott Support <help@kendrascott.example>';

/** An optional environment value that, when set, must parse as a From. */
export const mailFromValue = optionalString.refine((value) => value === undefined || parseMailFrom(value) !== undefined, MAIL_FROM_PROBLEM);

export interface Senders {
  /** HANDOFF_MAIL_FROM, or DEFAULT_MAIL_FROM. */
  mailFrom: string;
  /** MAIL_FROM_<BRAND> overrides. */
  mailFromByBrand: Partial<Record<BrandId, string>>;
}

/** The From of a brand's handoff emails: its own override, else the one for every brand. */
export function mailFromFor(senders: Senders, brand: BrandId): string {
  return senders.mailFromByBrand[brand] ?? senders.mailFrom;
}
