import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFakeSlack } from '../../support/slack-api.ts';
import { slashCommand } from '../../support/slack-requests.ts';

const CLI = new URL('../../../src/cli.mjs', import.meta.url).pathname;
const PASSWORD = 'Unfindable-Bind-Secret-7';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real binary, as a user runs it: a fresh process with only the given environment. */
function dirsync(args: string[], env: Record<string, string>, stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

const ADD = (bindDn: string) => [
  'integrations', 'add', 'corp-ad', '--kind', 'active_directory', '--url', 'ldaps://dc1.corp.example',
  '--bind-dn', bindDn, '--password-env', 'BIND_PW', '--base-dn', 'OU=Staff,DC=corp,DC=example',
];

describe('the dirsync binary on a fresh PGlite data folder', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'dirsync-bin-')), 'data');
  const env = { DIRSYNC_DATA_DIR: dataDir, BIND_PW: PASSWORD };
  const outputs: Run[] = [];
  const run = async (args: string[]) => {
    const result = await dirsync(args, env);
    outputs.push(result);
    return result;
  };

  it('a bad DN exits 2 naming the field and the fix, and nothing is added', async () => {
    const bad = await run(ADD('CN=svc,OU=Docs/KB,DC=corp,DC=example'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--bind-dn: '\/' in "OU=Docs\/KB" must be escaped as \\2F\. Write it as CN=svc,OU=Docs\\2FKB,DC=corp,DC=example/);
    expect(bad.stderr).toMatch(/generated a new secret key in .*secret\.key/);
    const list = await run(['integrations', 'list', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('a bind password given at add time is in no output and nowhere in the data folder', async () => {
    const added = await run(ADD('CN=svc,OU=Docs\\2FKB,DC=corp,DC=example'));
    expect(added.code).toBe(0);
    expect((await run(['show', 'corp-ad', '--json'])).code).toBe(0);
    expect((await run(['audit', '--json'])).code).toBe(0);
    for (const output of outputs) expect(output.stdout + output.stderr).not.toContain(PASSWORD);
    const needle = Buffer.from(PASSWORD);
    const files = filesUnder(dataDir);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(readFileSync(file).includes(needle), file).toBe(false);
    expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
  });

  it('start serves /healthz and the list page, shares the folder with the CLI but refuses a second server, and stops on SIGTERM', async () => {
    const server = spawn(process.execPath, [CLI, 'start'], { env: { PATH: process.env.PATH ?? '', ...env, PORT: '0', LOG_LEVEL: 'info' } });
    let log = '';
    server.stdout.on('data', (d) => (log += d));
    server.stderr.on('data', (d) => (log += d));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /listening on (http:\/\/[^"\s]+)/.exec(log);
        if (match) {
          clearInterval(timer);
          resolve(match[1]!);
        }
      }, 50);
      server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${log}`)));
    });
    try {
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect((await fetch(`${url}/api/messages`, { method: 'POST', body: '{}' })).status).toBe(404); // Teams off: no endpoint at all
      // The dashboard (Hono JSX, compiled by the .tsx load hook) answers: anonymous → sign-in page.
      const login = await fetch(url);
      expect(login.url).toBe(`${url}/login?next=%2F`);
      expect(await login.text()).toContain('<label for="password">Password</label>');
      // The CLI uses the running server's database through its socket; a second server is refused.
      const second = await dirsync(['list'], env);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout).toMatch(/corp-ad/);
      const other = await dirsync(['start'], { ...env, PORT: '0' });
      expect(other.code).toBe(1);
      expect(other.stderr + other.stdout).toMatch(/in use by process \d+.*DATABASE_URL/);
    } finally {
      server.kill('SIGTERM');
    }
    const code = await new Promise((resolve) => server.on('exit', resolve));
    expect(code).toBe(0);
    expect(log).toMatch(/SIGTERM received, shutting down/);
    expect(log).toContain('Slack: off. Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode) to turn it on');
    expect(log).toContain('Teams: off. Set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD');
    expect(log).not.toContain(PASSWORD);
    expect((await dirsync(['list'], env)).code).toBe(0);
  });

  it('start with Slack configured serves signed /dirsync commands on the same HTTP server, and seeds DIRSYNC_ADMINS', async () => {
    const slack = await startFakeSlack();
    const secret = 'e3b0c44298fc1c149afbf4c8996fb924';
    const token = 'xoxb-42-never-in-logs';
    const server = spawn(process.execPath, [CLI, 'start'], {
      env: { PATH: process.env.PATH ?? '', ...env, PORT: '0', LOG_LEVEL: 'info', SLACK_BOT_TOKEN: token, SLACK_SIGNING_SECRET: secret, SLACK_API_URL: slack.apiUrl, SLACK_ALERT_CHANNEL: 'CALERTS', DIRSYNC_ADMINS: 'slack:UADMIN', DIRSYNC_TEAMS_INSECURE_LOCAL: '1' },
    });
    let log = '';
    server.stdout.on('data', (d) => (log += d));
    server.stderr.on('data', (d) => (log += d));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const match = /Slack: on \(HTTP at (http:\/\/[^"\s]+)\/slack\/events\)/.exec(log);
          if (match) {
            clearInterval(timer);
            resolve(match[1]!);
          }
        }, 50);
        server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${log}`)));
      });
      expect(log).toContain('DIRSYNC_ADMINS: slack:UADMIN is now admin');
      expect(log).toMatch(/Teams: on WITHOUT AUTHENTICATION .* DIRSYNC_TEAMS_INSECURE_LOCAL=1/);
      const typing = { type: 'typing', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:1/', from: { id: 'u1' }, recipient: { id: 'b1' }, conversation: { id: 'c1' } };
      expect((await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(typing) })).status).toBe(200);
      const target = { request: (path: string, init: RequestInit) => fetch(`${url}${path}`, init) };
      const roles = await slashCommand(target, slack, { secret, text: 'roles', user: 'UADMIN' });
      expect(roles.response.status).toBe(200);
      expect(JSON.stringify(roles.ack)).toContain('<@UADMIN>');
      const forged = await slashCommand(target, slack, { secret: 'f'.repeat(32), text: 'roles', user: 'UADMIN' });
      expect(forged.response.status).toBe(401);
      expect(slack.calls.find((c) => c.method === 'auth.test')?.token).toBe(token);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.on('exit', resolve));
      await slack.close();
    }
    expect(log).not.toContain(token);
    expect(log).not.toContain(secret);
  });

  it('invalid configuration exits 2 with the variable and the fix', async () => {
    const result = await dirsync(['list'], { ...env, DIRSYNC_SECRET_KEY: 'short', PORT: 'eighty', DIRSYNC_METRICS_TOKEN: 'metrics-pass-1' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/DIRSYNC_SECRET_KEY: must be 32 random bytes.*openssl rand -base64 32/);
    expect(result.stderr).toMatch(/PORT: must be a number/);
    expect(result.stderr).toMatch(/DIRSYNC_METRICS_TOKEN: must be at least 32 characters/);
    expect(result.stderr).not.toContain('metrics-pass-1');
  });
});

describe.runIf(process.env.DATABASE_URL)('the dirsync binary on Postgres', () => {
  it('migrate, add and list against DATABASE_URL', async () => {
    const { backends } = await import('../../support/databases.ts');
    const db = await backends.find((b) => b.name === 'postgres')!.create();
    try {
      const env = { DATABASE_URL: db.url!, DIRSYNC_DATA_DIR: mkdtempSync(join(tmpdir(), 'dirsync-pgbin-')), BIND_PW: PASSWORD };
      expect((await dirsync(['migrate'], env)).stdout).toMatch(/Migrations applied \(Postgres at 127\.0\.0\.1:5432\/dirsync_t_/);
      expect((await dirsync(ADD('CN=svc,DC=corp,DC=example'), env)).code).toBe(0);
      const list = await dirsync(['list', '--json'], env);
      expect(JSON.parse(list.stdout).map((i: { name: string }) => i.name)).toEqual(['corp-ad']);
      const dump = await db.database.db.execute('select i::text as row from integrations i');
      expect(JSON.stringify(dump)).not.toContain(PASSWORD);
    } finally {
      await db.drop();
    }
  });
});
