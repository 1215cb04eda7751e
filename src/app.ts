import { Hono } from 'hono';
import { except } from 'hono/combine';
import { secureHeaders } from 'hono/secure-headers';
import type { CommandDeps } from './commands/context.ts';
import { toCommandError } from './core/errors.ts';
import { BOT_BODY_BYTES, FORM_BODY_BYTES, limitBody } from './faces/http/body-limit.ts';
import { httpStatus } from './faces/http/errors.ts';
import { createHealthRoutes } from './faces/http/health.ts';
import { createMetricsRoutes } from './faces/http/metrics.ts';
import type { DashboardAssets } from './faces/dashboard/assets.ts';
import { createDashboardRoutes } from './faces/dashboard/dashboard.ts';
import type { DashboardConfig } from './faces/dashboard/env.ts';
import { createSlackRoutes, type SlackEndpoint } from './faces/http/slack-events.ts';
import { createTeamsRoutes, type TeamsEndpoint } from './faces/http/teams-messages.ts';

export interface AppConfig {
  deps: CommandDeps;
  accountId: string;
  /** Present when Slack runs over HTTP (not in Socket Mode). */
  slack?: SlackEndpoint;
  /** Present when Teams is configured (or explicitly insecure for a local emulator). */
  teams?: TeamsEndpoint;
  /** DIRSYNC_METRICS_TOKEN: GET /metrics then needs it as a bearer token. */
  metricsToken?: string;
  /**
   * The dashboard's stylesheet and script, which the entry point provides (Node reads web/assets:
   * this module imports nothing of Node), absent where the platform serves web/assets itself
   * (Workers static assets); and how the dashboard is reached (HTTPS, public origin, client
   * addresses), plain local HTTP when absent.
   */
  dashboard: Partial<Pick<DashboardConfig, 'secureCookies' | 'publicOrigin' | 'clientAddress'>> & { assets?: DashboardAssets };
}

/** Builds the whole HTTP app; starts nothing. Entry points serve it, tests call app.request(). */
export function createApp({ deps, accountId, slack, teams, metricsToken, dashboard }: AppConfig) {
  const app = new Hono();
  app.use(
    secureHeaders({
      // Full referrers stay on this site (links into the dashboard carry integration names).
      referrerPolicy: 'same-origin',
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
      },
    }),
  );
  // Every body is bounded while it streams, before any route reads it: the bots' own size, forms' for the rest.
  const botPaths = ['/slack/events', '/api/messages'];
  for (const path of botPaths) app.use(path, limitBody(BOT_BODY_BYTES));
  app.use(except(botPaths, limitBody(FORM_BODY_BYTES)));
  app.route('/', createHealthRoutes({ store: deps.store, log: deps.log }));
  app.route('/', createMetricsRoutes({ snapshot: () => deps.store.metrics(), ...(metricsToken && { token: metricsToken }) }));
  // Bot endpoints before the dashboard: they authenticate themselves (signatures, JWTs), not by session.
  if (slack) app.route('/', createSlackRoutes({ endpoint: slack }));
  if (teams) app.route('/', createTeamsRoutes({ endpoint: teams }));
  app.route(
    '/',
    createDashboardRoutes({
      deps,
      accountId,
      secureCookies: dashboard.secureCookies ?? false,
      ...(dashboard.publicOrigin && { publicOrigin: dashboard.publicOrigin }),
      ...(dashboard.clientAddress && { clientAddress: dashboard.clientAddress }),
      ...(dashboard.assets && { assets: dashboard.assets }),
    }),
  );
  app.notFound((c) => c.text('Not found', 404));
  app.onError((err, c) => {
    const error = toCommandError(err, deps, `${c.req.method} ${c.req.path}`);
    return c.json({ error: { code: error.code, message: error.message } }, httpStatus(error.code));
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
