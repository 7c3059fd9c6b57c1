import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { isDirectLineChannel } from './directline/directline-channel.js';

const account = z.looseObject({ id: z.string().max(256), name: z.string().max(256).optional(), role: z.string().max(32).optional() });

/**
 * What Clasp needs of an incoming Bot Framework activity before the adapter sees it.
 * The stock adapter answers 500 to a missing `type`, so the edge rejects such bodies with 400;
 * everything it does not know is kept as it came (channels add their own fields).
 */
export const incomingActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  conversation: z.looseObject({ id: z.string().min(1).max(256) }),
  channelId: z.string().min(1).max(64).optional(),
  id: z.string().max(256).optional(),
  serviceUrl: z.string().max(2048).optional(),
  deliveryMode: z.string().max(32).optional(),
  text: z.string().optional(),
  from: account.optional(),
  recipient: account.optional(),
  membersAdded: z.array(account).max(50).optional(),
});

export type IncomingActivity = z.infer<typeof incomingActivitySchema>;

export const WIDGET_CHANNEL_MESSAGE =
  'channelId "directline" is the website widget\'s: its conversations are reached only through /v3/directline with their token.';

/**
 * With authentication off anyone may call the message routes and name any channel and
 * conversation: the widget's channel is refused there, so a widget conversation's id (in every
 * Direct Line URL and token payload) opens nothing (bot/directline/directline-channel.ts). With
 * authentication on, only the Bot Framework Service calls them, naming its own conversations.
 */
export const openRouteActivitySchema = z.looseObject({
  channelId: z
    .string()
    .optional()
    .refine((channelId) => !isDirectLineChannel(channelId), WIDGET_CHANNEL_MESSAGE),
});

export function describeActivityProblems(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}

/**
 * The validated activity as botbuilder types it: the fields a turn reads were checked above, the
 * rest stay as the channel sent them, which is what botbuilder's own types assume too.
 */
export function asActivity(activity: IncomingActivity): Partial<Activity> {
  return activity as unknown as Partial<Activity>;
}
