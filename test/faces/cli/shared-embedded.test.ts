import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeSlapd, slapdInfo } from '../../harness/directories.ts';
import { dirsyncCli, startDirsync } from '../../e2e/server-process.ts';

/** Signs in to the server's dashboard as a person would (the login page's CSRF cookie and field). */
async function signIn(url: string, login: string, password: string): Promise<string> {
  const page = await fetch(`${url}/login`);
  const csrfCookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const signedIn = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: url, cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, login, password }),
  });
  expect(signedIn.status).toBe(303);
  return signedIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

describeSlapd('dirsync start on the embedded database shares it with the CLI', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'dirsync-shared-')), 'data');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const dir = slapdInfo();
  const env = { DIRSYNC_DATA_DIR: dataDir, DIRSYNC_SECRET_KEY: randomBytes(32).toString('base64'), DIRSYNC_SCHEDULER: 'off' };
  const cli = (args: string[], extra: Record<string, string> = {}, stdin = '') => dirsyncCli(args, { ...env, ...extra }, stdin);

  it('the CLI adds and syncs an integration while the server runs, and the server shows the run; a dead server leaves the CLI on its own', async () => {
    // A fresh PGlite folder boots and migrates first: slow on a busy machine.
    const server = await startDirsync(env, 240_000);
    try {
      const socket = join(dataDir, 'dirsync.sock');
      expect(statSync(socket).isSocket()).toBe(true);
      expect(statSync(socket).mode & 0o777).toBe(0o600);
      expect(server.log()).toContain(`share the embedded database through ${socket}`);

      const add = ['integrations', 'add', 'lab', '--kind', 'openldap', '--url', dir.url, '--tls', 'none', '--bind-dn', dir.service.dn, '--base-dn', dir.baseDn, '--password-env', 'P'];
      expect(await cli(add, { P: dir.service.password })).toMatchObject({ code: 0 });
      const synced = await cli(['sync', 'lab', '--json']);
      expect(synced.code, synced.out).toBe(0);
      const run = JSON.parse(synced.out.slice(synced.out.indexOf('{')));
      expect(run).toMatchObject({ integration: 'lab', status: 'succeeded', failure: null });
      expect(run.counts.users.added).toBeGreaterThan(0);
      expect((await cli(['users', 'add', 'alice', '--role', 'admin'], {}, 'a long enough passphrase\n')).code).toBe(0);

      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toMatch(/dirsync_sync_runs_total\{[^}]*integration="lab"[^}]*status="succeeded"[^}]*\} 1/);
      const cookie = await signIn(server.url, 'alice', 'a long enough passphrase');
      const page = await (await fetch(`${server.url}/integrations/lab`, { headers: { cookie } })).text();
      expect(page).toContain(`#${run.run}`);
      expect(page).toContain('succeeded');
    } finally {
      // Killed, not stopped: the socket file stays behind, as after a crash.
      process.kill(server.pid, 'SIGKILL');
      await server.stop();
    }
    expect(existsSync(join(dataDir, 'dirsync.sock'))).toBe(true);
    const alone = await cli(['list']);
    expect(alone.code, alone.out).toBe(0);
    expect(alone.out).toMatch(/lab +openldap +enabled/);
  }, 600_000);
});
