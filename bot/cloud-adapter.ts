// The Bot Framework adapter for turns that need it: authenticated channels and replies posted to
// a serviceUrl. Clasp authenticates the request itself before the turn, so a missing or forged
// token is a JSON 401 like every other refusal (the stock adapter answers with its error text).
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Config } from './config.js';

/** What a validated request proves (its claims, the channel's audience, a connector factory). */
export type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

export class ClaspCloudAdapter extends CloudAdapter {
  /** Validates the channel's JWT (and its claims) for this activity; throws when it is not valid. */
  authenticate(activity: Activity, authorization: string): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
  }

  /** Runs an authenticated turn; replies go to the channel, or come back for expectReplies. */
  runTurn(authenticated: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}

export function createCloudAdapter(auth: Config['auth']): ClaspCloudAdapter {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: auth.appId,
    MicrosoftAppPassword: auth.appPassword,
    MicrosoftAppType: auth.appType,
    MicrosoftAppTenantId: auth.tenantId,
  });
  return new ClaspCloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: auth.appId, MicrosoftAppTenantId: auth.tenantId }, credentials));
}
