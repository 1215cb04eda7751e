import { Hono } from 'hono';
import { renderMetrics, type MetricsSnapshot } from '../core/metrics.ts';

export interface MetricsConfig {
  snapshot: () => Promise<MetricsSnapshot>;
}

export function createMetricsRoutes({ snapshot }: MetricsConfig) {
  return new Hono().get('/metrics', async (c) => c.body(renderMetrics(await snapshot()), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' }));
}
