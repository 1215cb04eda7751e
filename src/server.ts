import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { clientAddress, normalizeAddress } from './faces/http/client-address.ts';
import type { Context } from 'hono';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { loadDashboardAssets } from './faces/dashboard/node-assets.ts';
import { describeDatabase, type Config } from './config.ts';
import type { Logger } from './core/ports.ts';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createScheduler } from './faces/jobs/scheduler.ts';
import { startWorker } from './faces/jobs/worker.ts';
import { openRuntime } from './runtime.ts';
import { createSlackFace } from './faces/slack/slack-face.ts';
import { createTeamsFace } from './faces/teams/teams-face.ts';
import { seedAdmins } from './commands/role/seed-admins.ts';
import { issueSetupToken } from './commands/session/issue-setup-link.ts';
import { dummyHash } from './commands/session/sign-in.ts';
import { SETUP_LINK_MS } from './core/web-auth.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Migrates, then serves the app on HOST:PORT. Signal handling belongs to the entry point. */
export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const runtime = await openRuntime(config, log, { remindKeyFile: true, share: true });
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const seeded = await seedAdmins(runtime.deps, runtime.account.id, config.admins);
  if (seeded.length > 0) log.info(`DIRSYNC_ADMINS: ${seeded.join(', ')} ${seeded.length === 1 ? 'is' : 'are'} now admin`);
  // Every start replaces the link, so an old one in an old log stops working.
  const setup = await issueSetupToken(runtime.deps, runtime.account.id);
  // Made now, so the first sign-in with an unknown login takes as long as any other.
  await dummyHash(runtime.deps.passwords);
  const slack = config.slack ? createSlackFace({ deps: runtime.deps, accountId: runtime.account.id, config: config.slack, log, owner }) : null;
  const teams = config.teams ? createTeamsFace({ deps: runtime.deps, accountId: runtime.account.id, config: config.teams, log, owner }) : null;
  const trusted = new Set(config.trustedProxies.map(normalizeAddress));
  const dashboard = {
    // Behind HTTPS (DIRSYNC_PUBLIC_URL https://…) cookies are Secure; form posts must come from that origin.
    secureCookies: config.publicUrl?.startsWith('https://') ?? false,
    ...(config.publicUrl && { publicOrigin: new URL(config.publicUrl).origin }),
    clientAddress: (c: Context) => clientAddress(getConnInfo(c).remote.address, c.req.header('x-forwarded-for'), trusted),
    assets: loadDashboardAssets(),
  };
  const app = createApp({ deps: runtime.deps, accountId: runtime.account.id, dashboard, ...(config.metricsToken && { metricsToken: config.metricsToken }), ...(slack?.endpoint && { slack: slack.endpoint }), ...(teams && { teams: teams.endpoint }) });
  const worker = config.workers > 0 ? startWorker({ deps: runtime.deps, owner, concurrency: config.workers, leaseMs: 60_000, pollMs: 2_000 }) : null;
  const scheduler = config.scheduler ? createScheduler({ deps: runtime.deps, intervalMs: 30_000, catchUpMs: 5 * 60_000 }) : null;
  scheduler?.start();
  try {
    await slack?.start();
    teams?.start();
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, hostname: config.http.host, port: config.http.port }, () => resolve(s));
      s.once('error', (e: NodeJS.ErrnoException) =>
        reject(e.code === 'EADDRINUSE' ? new Error(`${config.http.host}:${config.http.port} is already in use: set PORT to a free port`) : e),
      );
    });
    const { port } = server.address() as AddressInfo;
    const host = config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host;
    const url = `http://${host}:${port}`;
    log.info(`dirsync listening on ${url}`, { database: describeDatabase(config.database), workers: config.workers, scheduler: config.scheduler });
    log.info(
      slack
        ? `Slack: on (${slack.mode === 'http' ? `HTTP at ${url}/slack/events` : 'Socket Mode'})`
        : 'Slack: off. Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode) to turn it on',
    );
    if (!config.metricsToken && !isLoopback(config.http.host)) {
      log.warn(`GET /metrics is open to anyone who can reach ${url} (HOST=${config.http.host}): set DIRSYNC_METRICS_TOKEN to require a bearer token`);
    }
    if (setup) {
      const base = config.publicUrl ?? `http://${/^(0\.0\.0\.0|::)$/.test(config.http.host) ? 'localhost' : host}:${port}`;
      // The link is a field of its own: on a terminal it is printed alone on the next line, ready to copy.
      log.warn(`No dashboard user yet: open this link within ${SETUP_LINK_MS / 3_600_000} hours to create the first admin (it works once; restarting prints a new one)`, {
        link: `${base}/setup/${setup.token}`,
      });
    }
    if (!teams) log.info('Teams: off. Set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (see the README) to turn on /api/messages');
    else if (teams.mode === 'authenticated') log.info(`Teams: on (${url}/api/messages, Bot Framework tokens required)`);
    // Said at every start on purpose: this mode must never go unnoticed in production.
    else log.warn(`Teams: on WITHOUT AUTHENTICATION (${url}/api/messages) because DIRSYNC_TEAMS_INSECURE_LOCAL=1: anyone who can reach this port can act as any Teams user. For a local emulator only`);
    return {
      url,
      async close() {
        scheduler?.stop();
        // Runs in progress finish; one still running at the deadline is taken over by another replica.
        await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), worker?.stop(), slack?.stop(), teams?.stop()]);
        await runtime.close();
      },
    };
  } catch (e) {
    scheduler?.stop();
    await slack?.stop();
    await teams?.stop();
    await worker?.stop();
    await runtime.close();
    throw e;
  }
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

/** Stops cleanly on SIGINT/SIGTERM; a second signal or a stuck shutdown forces the exit. */
export function closeOnSignals(server: Pick<RunningServer, 'close'>, log: Logger): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) process.exit(1);
    closing = true;
    log.info(`${signal} received, shutting down`);
    setTimeout(() => {
      log.error('shutdown took longer than 10 s, exiting anyway');
      process.exit(1);
    }, 10_000).unref();
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        log.error('error during shutdown', { err: e });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
