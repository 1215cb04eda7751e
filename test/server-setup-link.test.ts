import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { completeSetup } from '../src/commands/session/complete-setup.ts';
import { parseConfig } from '../src/config.ts';
import { openRuntime } from '../src/runtime.ts';
import { startServer } from '../src/server.ts';
import { memoryLogger } from './support/context.ts';
import { backends } from './support/databases.ts';
import { failure } from './support/failure.ts';
import { useDatabase } from './support/suite.ts';

const KEY = randomBytes(32).toString('base64');
const MESSAGE = 'No dashboard user yet: open this link within 24 hours to create the first admin (it works once; restarting prints a new one)';
const LINK = /^(\S+)\/setup\/([A-Za-z0-9_-]{43})$/;

describe.each(backends)('dirsync start and the first-admin setup link ($name)', (backend) => {
  const db = useDatabase(backend);
  const dataDir = mkdtempSync(join(tmpdir(), 'dirsync-setup-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = (extra: Record<string, string> = {}) => ({
    DIRSYNC_DATA_DIR: dataDir, DIRSYNC_SECRET_KEY: KEY, PORT: '0', DIRSYNC_WORKERS: '0', DIRSYNC_SCHEDULER: 'off',
    ...(db.url && { DATABASE_URL: db.url }), ...extra,
  });

  /** Starts and stops the server; returns the setup lines it logged and the address it served on. */
  async function start(extra: Record<string, string> = {}) {
    const log = memoryLogger();
    const server = await startServer(parseConfig(env(extra)), log);
    await server.close();
    return { url: server.url, links: log.lines.filter((l) => l.msg.startsWith('No dashboard user')).map((l) => (expect(l.msg).toBe(MESSAGE), LINK.exec((l.fields as { link: string }).link))) };
  }

  it('prints one link per start until the first admin exists; only the latest link works, once', async () => {
    const first = await start({ DIRSYNC_PUBLIC_URL: 'https://dirsync.example.com/' });
    expect(first.links).toHaveLength(1);
    expect(first.links[0]?.[1]).toBe('https://dirsync.example.com');
    const second = await start();
    expect(second.links).toHaveLength(1);
    expect(second.links[0]?.[1]).toBe(second.url);
    const [oldToken, token] = [first.links[0]![2]!, second.links[0]![2]!];
    expect(token).not.toBe(oldToken);

    const runtime = await openRuntime(parseConfig(env()), memoryLogger());
    try {
      const ctx = { ...runtime.deps, accountId: runtime.account.id, actor: { platform: 'web' as const, id: 'anonymous', role: 'viewer' as const } };
      const setup = (t: string) => completeSetup({ ctx, input: { token: t, login: 'root', password: 'correct horse battery staple' } });
      expect((await failure(setup(oldToken))).code).toBe('failed_precondition');
      expect((await setup(token)).session).toMatchObject({ login: 'root', role: 'admin' });
      expect((await failure(setup(token))).code).toBe('failed_precondition');
    } finally {
      await runtime.close();
    }
    expect((await start()).links).toEqual([]);
  }, 180_000);
});
