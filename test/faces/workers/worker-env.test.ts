import { describe, expect, it, vi } from 'vitest';
import { createConsoleLogger } from '../../../src/adapters/log/console-logger.ts';
import { ConfigError } from '../../../src/config.ts';
import { workerConfig } from '../../../src/faces/workers/worker-env.ts';

const KEY = Buffer.alloc(32, 1).toString('base64');
const HYPERDRIVE = { connectionString: 'postgres://u:p@hyperdrive.local:5432/db' };

function problems(env: Record<string, unknown>): string[] {
  try {
    workerConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('workerConfig', () => {
  it('reads the same variables as Node from bindings and secrets, and the database from Hyperdrive', () => {
    const worker = workerConfig({ HYPERDRIVE, DIRSYNC_SECRET_KEY: KEY, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'ab'.repeat(16), LOG_LEVEL: 'warn', SOME_KV: {} });
    expect(worker.connectionString).toBe(HYPERDRIVE.connectionString);
    expect(worker.secretKey.equals(Buffer.from(KEY, 'base64'))).toBe(true);
    expect(worker.config.slack).toMatchObject({ signingSecret: 'ab'.repeat(16), appToken: null });
    expect(worker.config.logLevel).toBe('warn');
    expect(worker.runSyncs).toBe(false);
    expect(workerConfig({ HYPERDRIVE, DIRSYNC_SECRET_KEY: KEY, DIRSYNC_WORKER_SYNCS: 'on' }).runSyncs).toBe(true);
  });

  it('refuses PGlite (no Hyperdrive), a missing key, DATABASE_URL, Socket Mode and a bad DIRSYNC_WORKER_SYNCS, saying what to do', () => {
    expect(problems({ DIRSYNC_SECRET_KEY: KEY })).toEqual([expect.stringMatching(/^HYPERDRIVE: .*PGlite .*cannot run there.*wrangler hyperdrive create/)]);
    expect(problems({ HYPERDRIVE })).toEqual([expect.stringMatching(/^DIRSYNC_SECRET_KEY: required on Workers.*wrangler secret put DIRSYNC_SECRET_KEY/)]);
    expect(problems({ HYPERDRIVE, DIRSYNC_SECRET_KEY: KEY, DATABASE_URL: 'postgres://x@y/z' })).toEqual([expect.stringMatching(/^DATABASE_URL: not read on Workers/)]);
    expect(problems({ HYPERDRIVE, DIRSYNC_SECRET_KEY: KEY, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toEqual([expect.stringMatching(/^SLACK_APP_TOKEN: Socket Mode/)]);
    expect(problems({ HYPERDRIVE, DIRSYNC_SECRET_KEY: KEY, DIRSYNC_WORKER_SYNCS: 'yes' })).toEqual([expect.stringMatching(/^DIRSYNC_WORKER_SYNCS: must be on/)]);
    // The variables Node validates are validated the same way, without echoing the value.
    expect(problems({ HYPERDRIVE, DIRSYNC_SECRET_KEY: 'short' })).toEqual([expect.stringMatching(/^DIRSYNC_SECRET_KEY: must be 32 random bytes/)]);
  });
});

describe('the console logger (Workers)', () => {
  it('writes one JSON line per entry at or above its level, with secrets redacted', () => {
    const lines: string[] = [];
    const spies = (['log', 'warn', 'error'] as const).map((m) => vi.spyOn(console, m).mockImplementation((line: string) => void lines.push(line)));
    try {
      const log = createConsoleLogger('info').child({ face: 'slack' });
      log.debug('not shown');
      log.warn('refused', { reason: 'stale', signingSecret: 'abc', nested: { token: 'xoxb-secret' } });
      log.error('failed', { err: new Error('boom') });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(lines).toHaveLength(2);
    const [warn, error] = lines.map((l) => JSON.parse(l));
    expect(warn).toMatchObject({ level: 'warn', service: 'dirsync', face: 'slack', msg: 'refused', reason: 'stale', signingSecret: '[redacted]', nested: { token: '[redacted]' } });
    expect(lines[0]).not.toContain('xoxb-secret');
    expect(error).toMatchObject({ level: 'error', err: { type: 'Error', message: 'boom' } });
  });
});
