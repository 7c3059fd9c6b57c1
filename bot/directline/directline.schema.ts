import { z } from 'zod';

// What the widget may send. Web Chat posts more fields than the bot needs; only these are kept,
// so nothing a visitor invents travels into the log or to the bot.

export const MAX_TEXT_LENGTH = 2000;
/** `value` and `channelData` as JSON: a postBack payload or Web Chat's ids, never a cargo hold. */
export const MAX_PAYLOAD_CHARS = 4096;

function fitsPayload(value: unknown): boolean {
  try {
    return (JSON.stringify(value) ?? '').length <= MAX_PAYLOAD_CHARS;
  } catch {
    return false;
  }
}

export const clientActivitySchema = z.looseObject({
  type: z.enum(['message', 'event', 'typing'], { message: 'type must be "message", "event" or "typing"' }),
  text: z.string().max(MAX_TEXT_LENGTH, `text must be at most ${MAX_TEXT_LENGTH} characters`).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: z.string().max(35).optional(),
  /** An event's name. */
  name: z.string().max(128).optional(),
  /** Small values only (a postBack's payload). */
  value: z
    .union([z.string().max(MAX_TEXT_LENGTH), z.number(), z.boolean(), z.null(), z.record(z.string(), z.unknown())])
    .refine(fitsPayload, `value must be at most ${MAX_PAYLOAD_CHARS} characters of JSON`)
    .optional(),
  from: z.looseObject({ id: z.string().max(128).optional(), name: z.string().max(128).optional(), role: z.string().max(32).optional() }).optional(),
  channelData: z
    .looseObject({
      clientActivityID: z.string().min(1).max(128).optional(),
      clientTimestamp: z.string().max(64).optional(),
    })
    .refine(fitsPayload, `channelData must be at most ${MAX_PAYLOAD_CHARS} characters of JSON`)
    .optional(),
  attachments: z.array(z.unknown()).max(0, 'attachments are not supported').optional(),
  localTimestamp: z.string().max(64).optional(),
  localTimezone: z.string().max(64).optional(),
});

export type ClientActivity = z.infer<typeof clientActivitySchema>;

export const MAX_PAGE_URL_LENGTH = 2048;
export const MAX_PAGE_TITLE_LENGTH = 300;

/**
 * `channelData.page`: the store page the widget is on (docs/widget.md), for the handoff's ticket.
 * A web address and a title; anything else there is ignored, never an error.
 */
export const pageContextSchema = z.strictObject({
  url: z
    .string()
    .max(MAX_PAGE_URL_LENGTH)
    .refine((value) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }),
  title: z.string().max(MAX_PAGE_TITLE_LENGTH * 2).transform((title) => title.replace(/\s+/g, ' ').trim().slice(0, MAX_PAGE_TITLE_LENGTH)),
});

/** Bodies of calls that take none (start, refresh, token): absent, or a JSON object. */
export const noBodySchema = z.union([z.undefined(), z.looseObject({})], { message: 'expected no body or a JSON object' });

export const watermarkSchema = z
  .string()
  .regex(/^\d{0,15}$/, 'watermark must be a whole number')
  .transform((value) => (value === '' ? undefined : Number(value)));

export function describeProblems(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}
