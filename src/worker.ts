// Entry point on Cloudflare Workers (wrangler.toml `main`): the same app and scheduler as Node
// (src/main.ts), over Hyperdrive. Like main.ts and cli.ts, the only code here that reads configuration.
import { createConsoleLogger } from './adapters/log/console-logger.ts';
import { createApp } from './app.ts';
import { ConfigError } from './config.ts';
import { createScheduler } from './faces/jobs/scheduler.ts';
import { runOnce } from './faces/jobs/worker.ts';
import type { CommandDeps } from './commands/context.ts';
import type { Logger } from './core/ports.ts';
import { workerConfig, type WorkerContext, type WorkerEnv } from './faces/workers/worker-env.ts';
import { openWorkerRuntime } from './faces/workers/worker-runtime.ts';
import { workerSlackEndpoint } from './faces/workers/worker-slack.ts';

/** The cron event Cloudflare passes to `scheduled`. */
interface ScheduledEvent {
  scheduledTime: number;
  cron: string;
}

/** A slot missed by up to this much (a cron event late or lost) is still queued; slots are unique, so overlap costs nothing. */
const CATCH_UP_MS = 5 * 60_000;

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: WorkerContext): Promise<Response> {
    const started = await start(env);
    if ('failure' in started) return new Response(started.failure, { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    const { worker, runtime, log } = started;
    const deferred: Promise<unknown>[] = [];
    const app = createApp({
      deps: runtime.deps,
      accountId: runtime.accountId,
      dashboard: {
        secureCookies: worker.config.publicUrl?.startsWith('https://') ?? new URL(request.url).protocol === 'https:',
        ...(worker.config.publicUrl && { publicOrigin: new URL(worker.config.publicUrl).origin }),
        // Cloudflare sets it on every request that reaches a Worker; clients cannot forge it there.
        clientAddress: (c) => c.req.header('cf-connecting-ip'),
      },
      ...(worker.config.metricsToken && { metricsToken: worker.config.metricsToken }),
      ...(worker.config.slack?.signingSecret && {
        slack: workerSlackEndpoint({ deps: runtime.deps, accountId: runtime.accountId, signingSecret: worker.config.slack.signingSecret, log: log.child({ face: 'slack' }), defer: (work) => deferred.push(work) }),
      }),
    });
    let response: Response;
    try {
      response = await app.fetch(request);
    } catch (e) {
      await runtime.close();
      throw e;
    }
    // The database stays open while the body streams (the dashboard's run events) and the deferred work runs.
    const done = Promise.allSettled(deferred);
    if (!response.body) {
      ctx.waitUntil(done.finally(() => runtime.close()));
      return response;
    }
    const { readable, writable } = new TransformStream();
    ctx.waitUntil(Promise.allSettled([response.body.pipeTo(writable), done]).finally(() => runtime.close()));
    return new Response(readable, response);
  },

  /** Cron triggers: queue every due slot (the Node scheduler's tick), idempotent across Workers and Node replicas. */
  async scheduled(event: ScheduledEvent, env: WorkerEnv, ctx: WorkerContext): Promise<void> {
    const started = await start(env);
    if ('failure' in started) throw new Error(started.failure);
    const { worker, runtime, log } = started;
    const work = (async () => {
      const queued = await createScheduler({ deps: runtime.deps, intervalMs: 0, catchUpMs: CATCH_UP_MS }).tick(new Date(event.scheduledTime));
      log.info(`cron ${event.cron}: ${queued} sync${queued === 1 ? '' : 's'} queued`);
      if (worker.runSyncs) await runQueuedSyncs(runtime.deps, log);
    })().finally(() => runtime.close());
    ctx.waitUntil(work);
    await work;
  },
};

/** At most this many runs per cron event: each has the event's CPU time to itself only if they are few. */
const RUNS_PER_EVENT = 3;

/** DIRSYNC_WORKER_SYNCS=on: queued runs executed here, claimed with the same leases as every other runner. */
async function runQueuedSyncs(deps: CommandDeps, log: Logger): Promise<void> {
  const owner = `worker:${crypto.randomUUID().slice(0, 8)}`;
  for (let i = 0; i < RUNS_PER_EVENT; i++) {
    const run = await runOnce({ deps, owner, leaseMs: 60_000, runner: 'worker' });
    if (!run) return;
    log.info(`ran sync #${run.id} on the Worker: ${run.status}`, { entriesRead: run.entriesRead });
  }
}

/** Said once per isolate, not on every request. */
let toldTeams = false;

async function start(env: WorkerEnv) {
  try {
    const worker = workerConfig(env);
    const log = createConsoleLogger(worker.config.logLevel);
    if (worker.config.teams && !toldTeams && (toldTeams = true)) log.warn('Teams is served by the Node server (dirsync start), not on Workers: /api/messages is off here (README: Deploy on Cloudflare Workers)');
    try {
      return { worker, log, runtime: await openWorkerRuntime(worker, log) };
    } catch (e) {
      log.error('dirsync could not open its database', { err: e });
      return { failure: `dirsync could not open its database through Hyperdrive: ${(e as Error).message}. Check the Hyperdrive configuration and that Postgres accepts its connections.` };
    }
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(`dirsync: ${e.message}`);
    return { failure: `dirsync on Workers is not configured correctly: ${e.message}` };
  }
}
