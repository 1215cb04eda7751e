import { Hono } from 'hono';
import type { Logger, Store } from '../../core/ports.ts';

export interface HealthConfig {
  store: Pick<Store, 'ping'>;
  log: Logger;
  /** A database that does not answer within this is reported down, not waited on. */
  timeoutMs?: number;
}

export function createHealthRoutes({ store, log, timeoutMs = 2000 }: HealthConfig) {
  return new Hono().get('/healthz', async (c) => {
    try {
      await withTimeout(store.ping(), timeoutMs);
      return c.json({ status: 'ok', database: 'ok' });
    } catch (e) {
      log.error('health check: database unreachable', { err: e });
      return c.json({ status: 'error', database: 'unreachable' }, 503);
    }
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
