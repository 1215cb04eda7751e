import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.ts';
import { startServer } from '../src/server.ts';
import { memoryLogger } from './support/context.ts';

const TOKEN = randomBytes(32).toString('hex');
const OPEN = /^GET \/metrics is open to anyone who can reach http:\/\/0\.0\.0\.0:\d+ \(HOST=0\.0\.0\.0\): set DIRSYNC_METRICS_TOKEN/;

describe('dirsync start and GET /metrics (PGlite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dirsync-metrics-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = (extra: Record<string, string>) => ({ DIRSYNC_DATA_DIR: dataDir, DIRSYNC_SECRET_KEY: randomBytes(32).toString('base64'), PORT: '0', DIRSYNC_WORKERS: '0', DIRSYNC_SCHEDULER: 'off', ...extra });

  /** Starts the server, scrapes /metrics with and without the token, stops; returns the answers and the warnings. */
  async function scrape(extra: Record<string, string>) {
    const log = memoryLogger();
    const server = await startServer(parseConfig(env(extra)), log);
    try {
      const url = server.url.replace('0.0.0.0', '127.0.0.1');
      const anonymous = await fetch(`${url}/metrics`);
      const bearer = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      return { statuses: [anonymous.status, bearer.status], challenge: anonymous.headers.get('www-authenticate'), warnings: log.lines.filter((l) => l.level === 'warn').map((l) => l.msg) };
    } finally {
      await server.close();
    }
  }

  it('asks for the bearer token when DIRSYNC_METRICS_TOKEN is set, and says so when /metrics is open beyond loopback', async () => {
    const guarded = await scrape({ DIRSYNC_METRICS_TOKEN: TOKEN, HOST: '0.0.0.0' });
    expect(guarded.statuses).toEqual([401, 200]);
    expect(guarded.challenge).toMatch(/^Bearer /);
    expect(guarded.warnings.filter((w) => w.includes('/metrics'))).toEqual([]);

    const open = await scrape({ HOST: '0.0.0.0' });
    expect(open.statuses).toEqual([200, 200]);
    expect(open.warnings.filter((w) => w.includes('/metrics'))).toEqual([expect.stringMatching(OPEN)]);

    const loopback = await scrape({});
    expect(loopback.statuses).toEqual([200, 200]);
    expect(loopback.warnings.filter((w) => w.includes('/metrics'))).toEqual([]);
  }, 90_000);
});
