import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ConfigError, describeDatabase, type Config } from './config.ts';
import type { Logger } from './core/ports.ts';
import { createScheduler } from './faces/jobs/scheduler.ts';
import { startWorker } from './faces/jobs/worker.ts';
import { createSlackFace } from './faces/slack/slack-face.ts';
import { openRuntime, type Runtime } from './runtime.ts';

export interface RunningAgent {
  owner: string;
  close(): Promise<void>;
}

export interface AgentOptions {
  /** Tests poll faster; production polls every 2 s like the server's workers. */
  pollMs?: number;
  openRuntime?: (config: Config, log: Logger) => Promise<Runtime>;
}

/**
 * `dirsync agent`: syncs for a deployment whose web side runs elsewhere (Cloudflare Workers, or a
 * server that cannot reach the directory). A Node process beside the directory, with no port of
 * its own: it takes runs from the shared Postgres queue (the same leases as the server's workers,
 * recorded as runner `agent`), queues due slots like every replica, and, when Slack is configured,
 * delivers the outbox (in Socket Mode it answers commands too). Every connection goes out.
 */
export async function startAgent(config: Config, log: Logger, opts: AgentOptions = {}): Promise<RunningAgent> {
  if (config.database.kind !== 'postgres') {
    throw new ConfigError(['DATABASE_URL: required by dirsync agent, which takes its runs from the PostgreSQL queue it shares with the web side: set it to that database (PGlite lives inside one process, so nothing else could queue runs in it)']);
  }
  const runtime = await (opts.openRuntime ?? openRuntime)(config, log);
  const owner = `${hostname()}:${process.pid}:agent:${randomUUID().slice(0, 8)}`;
  const workers = startWorker({ deps: runtime.deps, owner, runner: 'agent', concurrency: Math.max(1, config.workers), leaseMs: 60_000, pollMs: opts.pollMs ?? 2_000 });
  const scheduler = config.scheduler ? createScheduler({ deps: runtime.deps, intervalMs: 30_000, catchUpMs: 5 * 60_000 }) : null;
  scheduler?.start();
  const slack = config.slack ? createSlackFace({ deps: runtime.deps, accountId: runtime.account.id, config: config.slack, log, owner }) : null;
  await slack?.start();
  log.info(`dirsync agent ${owner}: taking sync runs from ${describeDatabase(config.database)}`, {
    workers: Math.max(1, config.workers),
    scheduler: config.scheduler,
    slack: slack ? (slack.mode === 'socket' ? 'Socket Mode: commands and alerts' : 'alerts only (commands reach the web side)') : 'off',
  });
  return {
    owner,
    async close() {
      scheduler?.stop();
      await Promise.all([workers.stop(), slack?.stop()]);
      await runtime.close();
    },
  };
}
