import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type ServiceClientCredentialsFactory } from 'botframework-connector';

import type { TeamsConfig } from '../../config.ts';
import type { Logger } from '../../core/ports.ts';

/**
 * Where the Bot Framework's own services are, for deployments in another cloud and for tests
 * (which serve OpenID metadata, keys and tokens on loopback). Production uses the defaults.
 */
export interface BotFrameworkEndpoints {
  /** OpenID configuration whose keys sign the tokens Teams sends (default: Bot Framework's). */
  openIdMetadataUrl?: string;
  /** The same for the Bot Framework Emulator's tokens. */
  emulatorOpenIdMetadataUrl?: string;
  tokenIssuer?: string;
  /** Obtains tokens for the bot's replies (default: MSAL against Entra ID from the app credentials). */
  credentialsFactory?: ServiceClientCredentialsFactory;
}

/** botbuilder's CloudAdapter with the activity pipeline reachable from our HTTP route. */
export class TeamsAdapter extends CloudAdapter {
  readonly appId: string;

  constructor(config: TeamsConfig, endpoints: BotFrameworkEndpoints = {}) {
    const credentials = config.mode === 'authenticated'
      ? {
          MicrosoftAppId: config.appId,
          MicrosoftAppType: config.appType,
          ...(config.appPassword && { MicrosoftAppPassword: config.appPassword }),
          ...(config.tenantId && { MicrosoftAppTenantId: config.tenantId }),
        }
      : {};
    // botframework-connector treats one overridden endpoint as "all are given": the public-cloud
    // defaults are spelled out so that overriding one keeps the others.
    const cloud = endpoints.openIdMetadataUrl || endpoints.emulatorOpenIdMetadataUrl || endpoints.tokenIssuer
      ? {
          ValidateAuthority: true,
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          ToBotFromChannelTokenIssuer: endpoints.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
          OAuthUrl: AuthenticationConstants.OAuthUrl,
          ToBotFromChannelOpenIdMetadataUrl: endpoints.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: endpoints.emulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
          CallerId: CallerIdConstants.PublicAzureChannel,
        }
      : {};
    const auth = new ConfigurationBotFrameworkAuthentication({ ...credentials, ...cloud }, endpoints.credentialsFactory);
    super(auth);
    this.appId = config.mode === 'authenticated' ? config.appId : '';
  }

  /**
   * Authenticates the request (the Bot Framework JWT in `Authorization`) and runs the turn.
   * Returns the HTTP answer: the invoke response, 200, or 401 for a token that does not verify.
   */
  async handle(rawBody: string, authorization: string, logic: (context: TurnContext) => Promise<void>, log: Logger): Promise<{ status: number; body?: unknown }> {
    let activity: Activity;
    try {
      activity = JSON.parse(rawBody) as Activity;
    } catch {
      return { status: 400, body: 'request body is not JSON' };
    }
    if (typeof activity !== 'object' || activity === null || typeof activity.type !== 'string') return { status: 400, body: 'not an activity: missing type' };
    // Errors in the turn itself go to onTurnError; one that escapes before the turn started is
    // about the request's token (or about reaching the keys that verify it).
    let started = false;
    const run = (context: TurnContext) => {
      started = true;
      return logic(context);
    };
    try {
      const invoke: InvokeResponse | undefined = await this.processActivity(authorization, activity, run);
      return { status: invoke?.status ?? 200, ...(invoke?.body !== undefined && { body: invoke.body }) };
    } catch (e) {
      if (started) throw e;
      const reason = (e instanceof Error ? e.message : String(e)).slice(0, 200);
      if (!(e instanceof AuthenticationError) && /openid|fetch|ECONN|ETIMEDOUT|ENOTFOUND/i.test(reason)) {
        log.error('could not verify a Teams request: the Bot Framework signing keys are unreachable', { reason });
        return { status: 503, body: 'cannot verify the request right now' };
      }
      log.warn('refused a Teams request: the Bot Framework token did not verify', { reason });
      return { status: 401, body: 'unauthorized' };
    }
  }
}
