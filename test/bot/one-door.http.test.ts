// One conversation, one door, through the real app with authentication off (the default): a
// conversation the widget opened is reached only through Direct Line with its token. Its id is no
// secret (it is in every Direct Line URL and in the token's payload), so the message routes must
// open nothing with it: "directline" is refused there, and any other channel is another
// conversation.
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWidgetServer, type RunningWidget } from '../support/widget-server.js';
import { activityBody, postActivity } from '../support/clasp-server.js';
import { answered, botMessages, pollUntil, say, startConversation, type Started } from './directline/directline-client.js';

let app: RunningWidget;
let victim: Started;

beforeAll(async () => {
  app = await startWidgetServer({ DEFAULT_BRAND: 'kendra-scott-mall' });
  // The victim tracks an order in the widget: number, then email, verified.
  victim = await startConversation(app.url);
  let watermark = (await pollUntil(app.url, victim, (list) => botMessages(list).length > 0)).watermark;
  for (const text of ['where is my order?', 'KS-100234', 'shopper@example.com']) {
    const posted = await say(app.url, victim, text);
    expect(posted.status).toBe(200);
    watermark = (await pollUntil(app.url, victim, answered(posted.body.id), watermark)).watermark;
  }
  const history = await pollUntil(app.url, victim, () => true);
  expect(JSON.stringify(history.activities)).toContain('Order KS-100234 has shipped');
});

afterAll(async () => {
  await app?.close();
});

/** What anyone who saw the id could post to a message route. */
function intruder(path: string, channelId: string, text: string) {
  return postActivity(app.url, path, activityBody(victim.conversationId, { type: 'message', text, channelId, from: { id: 'intruder', name: 'Intruder', role: 'user' } }));
}

const leaks = (activities: unknown[]) => /KS-100234|shopper@example\.com|1Z999|has shipped/i.test(JSON.stringify(activities));

describe('a widget conversation, its id known to a stranger', () => {
  // /api/messages answers the same brand here (DEFAULT_BRAND): each route tries other channels.
  it.each([
    ['/api/brands/kendra-scott-mall/messages', ['test', 'webchat']],
    ['/api/messages', ['emulator', 'msteams']],
  ])('opens nothing on %s: "directline" is refused, any other channel is a fresh conversation', async (path, otherChannels) => {
    for (const channelId of ['directline', 'DirectLine', ' directline ']) {
      for (const text of ['say that again', 'talk to a person']) {
        const { status, body } = await intruder(path, channelId, text);
        expect(status, `${channelId}: ${text}`).toBe(403);
        expect(body).toEqual({ error: 'channel_not_allowed', message: expect.stringMatching(/\/v3\/directline/) });
      }
    }
    for (const channelId of otherChannels) {
      const repeated = await intruder(path, channelId, 'say that again');
      expect(repeated.status).toBe(200);
      expect(leaks(repeated.body.activities)).toBe(false);
      const tracking = await intruder(path, channelId, 'where is my order?');
      expect(tracking.status).toBe(200);
      // A fresh conversation asks for the order number; the victim's knew it already.
      expect(tracking.body.activities.find((activity: Partial<Activity>) => activity.type === 'message')?.channelData?.support?.awaiting).toBe('orderNumber');
      expect(leaks(tracking.body.activities)).toBe(false);
    }

    // Its shopper, with the token, still has it all.
    const posted = await say(app.url, victim, 'say that again');
    expect(posted.status).toBe(200);
    const { activities } = await pollUntil(app.url, victim, answered(posted.body.id));
    expect(leaks(activities.filter((activity) => activity.replyToId === posted.body.id))).toBe(true);
  });
});
