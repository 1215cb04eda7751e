import { Hono } from 'hono';
import { timingSafeEqual } from 'hono/utils/buffer';
import { renderMetrics, type MetricsSnapshot } from '../../core/metrics.ts';

export interface MetricsConfig {
  snapshot: () => Promise<MetricsSnapshot>;
  /** When set, a scrape must send `Authorization: Bearer <token>`. */
  token?: string;
}

export function createMetricsRoutes({ snapshot, token }: MetricsConfig) {
  const app = new Hono();
  if (token) {
    app.use('/metrics', async (c, next) => {
      const presented = /^Bearer +([^ ]+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
      // Compares SHA-256 digests: the time taken says nothing about how much of the token matched.
      if (presented && (await timingSafeEqual(token, presented))) return next();
      const problem = presented
        ? 'The bearer token is not the one in DIRSYNC_METRICS_TOKEN: check the token your scraper sends.'
        : 'GET /metrics needs Authorization: Bearer <token>, the token in DIRSYNC_METRICS_TOKEN (in Prometheus: the authorization setting of the scrape config).';
      const challenge = `Bearer realm="dirsync metrics"${presented ? ', error="invalid_token"' : ''}`;
      return c.text(problem, 401, { 'WWW-Authenticate': challenge });
    });
  }
  return app.get('/metrics', async (c) => c.body(renderMetrics(await snapshot()), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' }));
}
