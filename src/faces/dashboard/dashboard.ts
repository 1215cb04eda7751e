import { Hono } from 'hono';
import { createAssetRoutes, type DashboardAssets } from './assets.ts';
import { createAuthRoutes } from './auth-routes.ts';
import { cookieJar } from './cookies.ts';
import type { DashboardConfig, DashboardEnv } from './env.ts';
import { requireCsrf, requireSession } from './guard.ts';
import { createIntegrationRoutes } from './integration-routes.ts';
import { createListRoutes } from './list-routes.ts';
import { createOverviewRoutes } from './overview-routes.ts';

/**
 * The web dashboard: sign-in first, then pages that call commands. Every route below the
 * session guard needs a signed-in user; every POST also passes the CSRF check.
 */
export function createDashboardRoutes(config: DashboardConfig & { assets?: DashboardAssets }) {
  const jar = cookieJar(config.secureCookies);
  const app = new Hono<DashboardEnv>();
  if (config.assets) app.route('/', createAssetRoutes(config.assets));
  app.route('/', createAuthRoutes(config, jar));
  const pages = new Hono<DashboardEnv>();
  const routes = [createOverviewRoutes(jar), createIntegrationRoutes(jar), createListRoutes(jar)];
  // Exactly the paths these pages serve, read from their routes: a new page cannot be left out,
  // and anything else (a bot endpoint that is off) stays a 404 instead of asking for a session.
  for (const path of new Set(routes.flatMap((r) => r.routes.map((route) => route.path)))) {
    pages.use(path, requireSession(config, jar), requireCsrf(config));
  }
  for (const r of routes) pages.route('/', r);
  app.route('/', pages);
  return app;
}
