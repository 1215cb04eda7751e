import type { CommandDeps } from '../../commands/context.ts';
import type { TeamsConfig } from '../../config.ts';
import type { Logger } from '../../core/ports.ts';
import type { TeamsEndpoint } from '../http/teams-messages.ts';
import { startDispatcher, type Dispatcher } from '../chat/dispatcher.ts';
import { TeamsAdapter, type BotFrameworkEndpoints } from './teams-adapter.ts';
import { teamsLogic } from './teams-bot.ts';
import { teamsDelivery } from './teams-delivery.ts';

export interface TeamsFaceOptions {
  deps: CommandDeps;
  accountId: string;
  config: TeamsConfig;
  log: Logger;
  owner: string;
  endpoints?: BotFrameworkEndpoints;
  ackWithinMs?: number;
  progressIntervalMs?: number;
  dispatchPollMs?: number;
}


/**
 * The Teams face: botbuilder's CloudAdapter behind POST /api/messages (the Bot Framework JWT is
 * verified before any turn runs), and the dispatcher that posts alerts and approval cards.
 */
export function createTeamsFace(opts: TeamsFaceOptions) {
  const log = opts.log.child({ face: 'teams' });
  const adapter = new TeamsAdapter(opts.config, opts.endpoints);
  const pending = new Set<Promise<unknown>>();
  let dispatcher: Dispatcher | null = null;
  const logic = teamsLogic({
    deps: opts.deps,
    accountId: opts.accountId,
    adapter,
    ackWithinMs: opts.ackWithinMs ?? 4_000,
    progressIntervalMs: opts.progressIntervalMs ?? 3_000,
    wake: () => dispatcher?.wake(),
    background(task, what) {
      const tracked = task.catch((err: unknown) => log.error(`${what} failed`, { err })).finally(() => pending.delete(tracked));
      pending.add(tracked);
    },
  });
  adapter.onTurnError = async (_context, err) => log.error('a Teams turn failed', { err });

  const endpoint: TeamsEndpoint = {
    async handle(rawBody, headers) {
      const result = await adapter.handle(rawBody, headers.get('authorization') ?? '', logic, log);
      const json = result.body !== undefined && typeof result.body !== 'string';
      return {
        status: result.status,
        headers: { 'content-type': json ? 'application/json' : 'text/plain; charset=utf-8' },
        body: result.body === undefined ? '' : json ? JSON.stringify(result.body) : String(result.body),
      };
    },
  };
  const deliver = teamsDelivery({ store: opts.deps.store, adapter, log, now: opts.deps.now });

  return {
    endpoint,
    adapter,
    mode: opts.config.mode,
    get dispatcher() {
      return dispatcher!;
    },
    start() {
      dispatcher = startDispatcher({ platform: 'teams', queue: opts.deps.store.deliveries, deliver, log, owner: opts.owner, accountId: opts.accountId, ...(opts.dispatchPollMs && { pollMs: opts.dispatchPollMs }) });
    },
    async stop() {
      await dispatcher?.stop();
      await Promise.all(pending);
    },
  };
}

export type TeamsFace = ReturnType<typeof createTeamsFace>;
