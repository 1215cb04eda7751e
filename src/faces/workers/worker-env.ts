import { ConfigError, parseConfig, type Config } from '../../config.ts';

/** What Cloudflare hands the Worker: bindings from wrangler.toml, vars, and `wrangler secret put` secrets. */
export interface WorkerEnv {
  /** The Hyperdrive binding in front of Postgres (wrangler.toml [[hyperdrive]] binding = "HYPERDRIVE"). */
  HYPERDRIVE?: { connectionString: string };
  [name: string]: unknown;
}

/** The part of Workers' ExecutionContext dirsync uses: work that goes on after the response. */
export interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void;
}

export interface WorkerConfig {
  config: Config;
  connectionString: string;
  secretKey: Buffer;
  /**
   * DIRSYNC_WORKER_SYNCS=on: cron events also execute queued runs on the Worker itself (runner
   * `worker`), for a directory the Worker can reach and small enough for its limits (README).
   * Off by default: `dirsync agent` beside the directory runs them.
   */
  runSyncs: boolean;
}

/**
 * The same variables as on Node (src/config.ts), read from bindings and secrets, plus what only a
 * Worker needs: Postgres through Hyperdrive, a configured key. Refuses, with what to do, what
 * cannot work on Workers instead of failing later in a confusing way.
 */
export function workerConfig(env: WorkerEnv): WorkerConfig {
  const strings = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const config = parseConfig(strings);
  const problems: string[] = [];
  const connectionString = env.HYPERDRIVE?.connectionString;
  if (!connectionString) {
    problems.push(
      'HYPERDRIVE: no Hyperdrive binding. On Workers dirsync needs PostgreSQL through Hyperdrive; PGlite (the embedded database of a Node install) ' +
        'cannot run there, since a Worker has no data folder and no process that lives between requests. Create one with ' +
        '`npx wrangler hyperdrive create dirsync --connection-string=postgres://…` and put its id in wrangler.toml [[hyperdrive]] binding = "HYPERDRIVE"',
    );
  }
  if (strings.DATABASE_URL) problems.push('DATABASE_URL: not read on Workers: the database is the Hyperdrive binding (remove the variable, so two settings never disagree)');
  if (!config.secretKey) problems.push('DIRSYNC_SECRET_KEY: required on Workers (no data folder to keep a generated key in): `npx wrangler secret put DIRSYNC_SECRET_KEY` with the same key as your Node agent');
  if (config.slack?.appToken) problems.push('SLACK_APP_TOKEN: Socket Mode needs a connection that outlives requests, which a Worker does not have: remove it and use HTTP mode (SLACK_SIGNING_SECRET, Request URL https://<worker>/slack/events)');
  const runSyncs = strings.DIRSYNC_WORKER_SYNCS ?? 'off';
  if (runSyncs !== 'on' && runSyncs !== 'off') problems.push('DIRSYNC_WORKER_SYNCS: must be on (cron events also run queued syncs on the Worker) or off (dirsync agent runs them)');
  if (problems.length > 0) throw new ConfigError(problems);
  return { config, connectionString: connectionString!, secretKey: config.secretKey!, runSyncs: runSyncs === 'on' };
}
