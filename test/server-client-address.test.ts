import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_FAILURES_PER_CLIENT } from '../src/core/web-auth.ts';
import { parseConfig } from '../src/config.ts';
import { startServer } from '../src/server.ts';
import { memoryLogger } from './support/context.ts';
import { backends } from './support/databases.ts';
import { useDatabase } from './support/suite.ts';

const KEY = randomBytes(32).toString('base64');

/** A failed sign-in through the real server, as a browser behind a proxy that sets X-Forwarded-For. */
async function failedSignIn(base: string, login: string, forwardedFor: string): Promise<{ status: number; body: string }> {
  const form = await fetch(`${base}/login`);
  const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', 'x-forwarded-for': forwardedFor },
    body: new URLSearchParams({ _csrf: csrf, login, password: 'not the password at all' }).toString(),
  });
  return { status: res.status, body: await res.text() };
}

describe.each(backends.filter((b) => b.name === 'postgres'))('dirsync start behind a reverse proxy ($name)', (backend) => {
  const db = useDatabase(backend);
  const dataDir = mkdtempSync(join(tmpdir(), 'dirsync-proxy-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = (extra: Record<string, string>) => ({
    DIRSYNC_DATA_DIR: dataDir, DIRSYNC_SECRET_KEY: KEY, PORT: '0', DIRSYNC_WORKERS: '0', DIRSYNC_SCHEDULER: 'off', DATABASE_URL: db.url!, ...extra,
  });

  /** Fails sign-ins from one client until its address is limited; then tries once from another. */
  async function limitOneClient(extra: Record<string, string>, tag: string) {
    const server = await startServer(parseConfig(env(extra)), memoryLogger());
    try {
      // Distinct logins: only the per-address limit can be reached.
      for (let i = 0; i < MAX_FAILURES_PER_CLIENT; i++) expect((await failedSignIn(server.url, `${tag}-${i}`, '198.51.100.1')).status).toBe(401);
      const limited = await failedSignIn(server.url, `${tag}-last`, '198.51.100.1');
      const other = await failedSignIn(server.url, `${tag}-other`, '198.51.100.2');
      return { limited, other };
    } finally {
      await server.close();
    }
  }

  it('limits failed sign-ins per forwarded client when the proxy is trusted, and per peer when it is not', async () => {
    const trusted = await limitOneClient({ DIRSYNC_TRUSTED_PROXIES: '127.0.0.1,::1' }, 'trusted');
    expect(trusted.limited.status).toBe(429);
    expect(trusted.limited.body).toContain('Too many failed sign-ins from this address');
    expect(trusted.other.status).toBe(401);

    // Not trusted: the header is the client's own word, and every client is the proxy's address.
    const untrusted = await limitOneClient({}, 'untrusted');
    expect(untrusted.limited.status).toBe(429);
    expect(untrusted.other.status).toBe(429);
  }, 120_000);
});
