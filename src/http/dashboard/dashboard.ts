import { Hono } from 'hono';
import { createAssetRoutes, type DashboardAssets } from './assets.ts';
import { createAuthRoutes } from './auth-routes.ts';
import { cookieJar } from './cookies.ts';
import type { DashboardConfig, DashboardEnv } from './env.ts';
import { requireCsrf, requireSession } from './guard.ts';
import { createIntegrationRoutes } from './integration-routes.ts';
import { createListRoutes } from './list-routes.ts';
import { createOverviewRoutes } from './overview-routes.ts';

const GUARDED = ['/', '/sync-all', '/integrations', '/integrations/*', '/approvals', '/approvals/*', '/alerts', '/audit', '/api/preview-schedule', '/api/check-dn'];

/**
 * The web dashboard: sign-in first, then pages that call commands. Every route below the
 * session guard needs a signed-in user; every POST also passes the CSRF check.
 */
export function createDashboardRoutes(config: DashboardConfig & { assets: DashboardAssets }) {
  const jar = cookieJar(config.secureCookies);
  const app = new Hono<DashboardEnv>();
  app.route('/', createAssetRoutes(config.assets));
  app.route('/', createAuthRoutes(config, jar));
  const pages = new Hono<DashboardEnv>();
  // Only the dashboard's own paths: a request for anything else (a bot endpoint that is off) is a 404.
  for (const path of GUARDED) pages.use(path, requireSession(config, jar), requireCsrf(config));
  pages.route('/', createOverviewRoutes(jar));
  pages.route('/', createIntegrationRoutes(jar));
  pages.route('/', createListRoutes(jar));
  app.route('/', pages);
  return app;
}
