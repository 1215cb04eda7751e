import { App, LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { CommandDeps } from '../../commands/context.ts';
import type { Logger } from '../../core/ports.ts';
import { startDispatcher, type Dispatcher } from '../chat/dispatcher.ts';
import { registerActions } from './action-listener.ts';
import { registerCommand } from './command-listener.ts';
import { HonoReceiver } from './hono-receiver.ts';
import { slackDelivery } from './slack-delivery.ts';
import { guardedSocketModeReceiver } from './socket-mode-guard.ts';

export interface SlackFaceConfig {
  botToken: string;
  signingSecret: string | null;
  appToken: string | null;
  alertChannel: string | null;
  apiUrl: string;
}

export interface SlackFaceOptions {
  deps: CommandDeps;
  accountId: string;
  config: SlackFaceConfig;
  log: Logger;
  /** Identifies this replica's claims on the outbox. */
  owner: string;
  ackWithinMs?: number;
  progressIntervalMs?: number;
  dispatchPollMs?: number;
}

export interface SlackFace {
  /** HTTP mode: what POST /slack/events hands requests to. Absent in Socket Mode. */
  endpoint: HonoReceiver | null;
  mode: 'http' | 'socket';
  dispatcher: Dispatcher;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Slack face: a Bolt app whose requests come from the Hono server (or from a Socket Mode
 * connection), plus the dispatcher that posts alerts and approval cards from the outbox.
 */
export function createSlackFace(opts: SlackFaceOptions): SlackFace {
  const log = opts.log.child({ face: 'slack' });
  const logger = boltLogger(log);
  // Command replies and alert posts use separate clients: a rate-limited alert channel must not
  // pause the queue that answers people (web-api pauses a whole client on a 429 otherwise).
  const clientOptions: WebClientOptions = { slackApiUrl: opts.config.apiUrl, rejectRateLimitedCalls: true, logger, logLevel: LogLevel.WARN, timeout: 10_000, retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2_000 } };
  const endpoint = opts.config.appToken ? null : new HonoReceiver({ signingSecret: opts.config.signingSecret!, seen: opts.deps.store.seenRequests, log });
  const botToken = opts.config.botToken;
  const authClient = new WebClient(botToken, clientOptions);
  // Bolt wants the bot's own ids; asking once and keeping the answer (Bolt's built-in single-token
  // path either asks in the constructor, which an unreachable Slack would crash, or on every event).
  let identity: Promise<{ botId?: string; botUserId?: string }> | null = null;
  const whoAmI = () =>
    (identity ??= authClient.auth.test().then(
      (r) => ({ ...(r.bot_id && { botId: r.bot_id }), ...(r.user_id && { botUserId: r.user_id }) }),
      (e: unknown) => {
        identity = null;
        throw e;
      },
    ));
  const app = new App({
    authorize: async () => ({ botToken, ...(await whoAmI()) }),
    logger,
    logLevel: LogLevel.WARN,
    clientOptions,
    receiver: endpoint ?? guardedSocketModeReceiver({ appToken: opts.config.appToken!, clientOptions, logger, log }),
  });
  app.error(async (error) => log.error('Slack listener error', { err: error }));

  const wake = () => dispatcher?.wake();
  const face = { deps: opts.deps, accountId: opts.accountId, ackWithinMs: opts.ackWithinMs ?? 2_000, progressIntervalMs: opts.progressIntervalMs ?? 3_000, wake };
  registerCommand(app, face);
  registerActions(app, face);

  const alertClient = new WebClient(botToken, { ...clientOptions, retryConfig: { retries: 0 } });
  let dispatcher: Dispatcher | null = null;
  const deliver = slackDelivery({ store: opts.deps.store, client: alertClient, defaultChannel: opts.config.alertChannel, log, now: opts.deps.now });

  return {
    endpoint,
    mode: endpoint ? 'http' : 'socket',
    get dispatcher() {
      return dispatcher!;
    },
    async start() {
      await whoAmI().catch((e: unknown) =>
        log.error('Slack did not accept SLACK_BOT_TOKEN (or could not be reached); commands fail until it does', { error: e instanceof Error ? e.message : String(e) }),
      );
      dispatcher = startDispatcher({ platform: 'slack', queue: opts.deps.store.deliveries, deliver, log, owner: opts.owner, accountId: opts.accountId, ...(opts.dispatchPollMs && { pollMs: opts.dispatchPollMs }) });
      if (!endpoint) {
        // Socket Mode reconnects by itself; a failure to connect at start is reported, not fatal.
        await app.start().catch((e: unknown) => log.error('Slack Socket Mode could not connect; it keeps retrying', { err: e }));
      }
    },
    async stop() {
      await dispatcher?.stop();
      if (!endpoint) await app.stop().catch(() => {});
    },
  };
}

/** Bolt and web-api log through ours at warn and above only: their debug lines carry request bodies. */
function boltLogger(log: Logger): BoltLogger {
  const line = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.message : JSON.stringify(a))).join(' ');
  return {
    debug: () => {},
    info: () => {},
    warn: (...args: unknown[]) => log.warn(line(args)),
    error: (...args: unknown[]) => log.error(line(args)),
    setLevel: () => {},
    getLevel: () => LogLevel.WARN,
    setName: () => {},
  };
}
