import { describe, expect, it } from 'vitest';
import { readWidgetConfig } from '../../../bot/directline/widget-config.js';

describe('the widget settings', () => {
  it('default to two minutes for a first message and ten conversations per client', () => {
    expect(readWidgetConfig({}).config).toMatchObject({ firstMessageSeconds: 120, conversationsPerClient: 10 });
    expect(readWidgetConfig({ DIRECTLINE_FIRST_MESSAGE_SECONDS: '300', DIRECTLINE_CONVERSATIONS_PER_CLIENT: '3' }).config).toMatchObject({
      firstMessageSeconds: 300,
      conversationsPerClient: 3,
    });
  });

  it('report a value that is not a whole number of at least 1, naming the key', () => {
    const { problems } = readWidgetConfig({ DIRECTLINE_FIRST_MESSAGE_SECONDS: '0', DIRECTLINE_CONVERSATIONS_PER_CLIENT: 'ten' });
    expect(problems).toEqual([
      expect.stringMatching(/^DIRECTLINE_FIRST_MESSAGE_SECONDS: must be a whole number of at least 1/),
      expect.stringMatching(/^DIRECTLINE_CONVERSATIONS_PER_CLIENT: must be a whole number of at least 1/),
    ]);
  });
});
