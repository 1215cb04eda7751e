// The Cloudflare Worker (src/worker.ts) under the real workerd, as `npm run worker:dev` runs it
// (wrangler dev, bundled like a deploy), against the local Postgres through its Hyperdrive
// binding and the test slapd; syncs taken by `dirsync agent` in this process.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import journal from '../drizzle/meta/_journal.json' with { type: 'json' };
import { openDatabase, type Database } from '../src/adapters/db/client.ts';
import { createStore } from '../src/adapters/db/store.ts';
import { startAgent } from '../src/agent.ts';
import { ensureDefaultAccount } from '../src/command-deps.ts';
import type { CommandContext } from '../src/commands/context.ts';
import { addWebUser } from '../src/commands/web-user/add.ts';
import { parseConfig } from '../src/config.ts';
import type { Store } from '../src/core/ports.ts';
import { describeSlapd, slapdInfo } from './harness/directories.ts';
import { testDeps } from './support/context.ts';
import { Browser, PASSWORD } from './support/dashboard.ts';
import { startFakeSlack, type FakeSlack } from './support/slack-api.ts';
import { postSigned, slashCommand, slashCommandBody, type SlackTarget } from './support/slack-requests.ts';
import { addLab } from './support/sync.ts';

const ADMIN_URL = process.env.DATABASE_URL;
const SIGNING_SECRET = 'a3b0c44298fc1c149afbf4c8996fb925';
const KEY = randomBytes(32).toString('base64');
/** Dashboard links and form posts name this origin (DIRSYNC_PUBLIC_URL), as a browser in front of the Worker would. */
const ORIGIN = 'http://localhost';
const FORM = 'application/x-www-form-urlencoded';

(ADMIN_URL ? describeSlapd : describe.skip)('the Worker under workerd', () => {
  let worker: ChildProcess;
  let base: string;
  let out = '';
  let dbUrl: string;
  let dbName: string;
  let database: Database;
  let store: Store;
  let slack: FakeSlack;
  let admin: CommandContext;

  /** Requests to the Worker as if to ORIGIN (the dashboard's browser and Slack both use this). */
  const site: SlackTarget = { request: (url, init) => fetch(new URL(new URL(url, ORIGIN).pathname + new URL(url, ORIGIN).search, base), { ...init, redirect: 'manual' }) };

  beforeAll(async () => {
    // An empty database: the Worker migrates it on its first request.
    dbName = `dirsync_w_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    const pg = postgres(ADMIN_URL!, { max: 1, onnotice: () => {} });
    await pg.unsafe(`create database ${dbName}`);
    await pg.end();
    const url = new URL(ADMIN_URL!);
    url.pathname = `/${dbName}`;
    // Hyperdrive insists on a password; the test server trusts loopback, so any will do.
    if (!url.password) url.password = 'unused';
    dbUrl = url.toString();
    slack = await startFakeSlack();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    worker = spawn(process.execPath, ['scripts/worker.ts', 'dev'], {
      cwd: new URL('..', import.meta.url).pathname,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: mkdtempSync(join(tmpdir(), 'dirsync-wrangler-')),
        DATABASE_URL: dbUrl,
        PORT: String(port),
        DIRSYNC_SECRET_KEY: KEY,
        DIRSYNC_PUBLIC_URL: ORIGIN,
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        LOG_LEVEL: 'info',
        CI: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (d) => (out += d));
    worker.stderr!.on('data', (d) => (out += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`wrangler dev did not start:\n${out}`)), 90_000);
      worker.stdout!.on('data', () => /Ready on/.test(out) && (clearTimeout(timer), resolve()));
      worker.once('exit', (code) => reject(new Error(`wrangler dev exited with ${code}:\n${out}`)));
    });
  }, 120_000);

  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    await database?.close();
    await slack?.close();
    const pg = postgres(ADMIN_URL!, { max: 1, onnotice: () => {} });
    await pg.unsafe(`drop database if exists ${dbName} with (force)`);
    await pg.end();
  });

  it('applies the migrations and answers /healthz', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status, out).toBe(200);
    database = await openDatabase({ kind: 'postgres', url: dbUrl });
    store = createStore(database);
    const applied = await database.session!()`select count(*)::int as n from drizzle.__drizzle_migrations`;
    expect(applied[0]!.n).toBe(journal.entries.length);
    const account = await ensureDefaultAccount(store, new Date());
    admin = { ...testDeps(store, Buffer.from(KEY, 'base64')), actor: { platform: 'cli', id: 'test', role: 'admin' }, accountId: account.id };
  });

  it('signs in to the dashboard and shows a page', async () => {
    await addWebUser({ ctx: admin, input: { login: 'ada', role: 'admin', password: PASSWORD } });
    const browser = new Browser(site);
    await browser.load('/login');
    const wrong = await browser.post('/login', { login: 'ada', password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    await browser.load('/login');
    const signIn = await browser.post('/login', { login: 'ada', password: PASSWORD });
    expect(signIn.status, signIn.body).toBe(303);
    const overview = await browser.load('/');
    expect(overview.status).toBe(200);
    expect(overview.body).toContain('ada');
    expect(overview.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${base}/assets/app.css`)).status).toBe(200);
  });

  it('answers a signed Slack command and refuses a forged or replayed one', async () => {
    const answered = await slashCommand(site, slack, { secret: SIGNING_SECRET, text: 'whoami', user: 'U0WORKER1' });
    expect(answered.response.status).toBe(200);
    expect(JSON.stringify(answered.ack)).toContain('viewer');
    const forged = await slashCommand(site, slack, { secret: 'f'.repeat(32), text: 'whoami', user: 'U0WORKER1' });
    expect(forged.response.status).toBe(401);
    // The same signed request again, as an eavesdropper would send it: refused by seen_requests.
    const { body } = slashCommandBody(slack, { text: 'whoami', user: 'U0WORKER1' });
    const sign = { secret: SIGNING_SECRET, timestamp: Math.floor(Date.now() / 1000) };
    expect((await postSigned(site, body, FORM, sign)).status).toBe(200);
    const replayed = await postSigned(site, body, FORM, sign);
    expect(replayed.status).toBe(401);
    expect(await replayed.text()).toContain('replayed request');
  });

  it('queues a due sync on a cron trigger, which dirsync agent completes', async () => {
    await addLab(admin, slapdInfo(), 'lab', { schedule: '* * * * *' });
    const fired = await fetch(`${base}/__scheduled?cron=*/5+*+*+*+*`);
    expect(fired.status, out).toBe(200);
    const lab = (await store.integrations.findByName(admin.accountId, 'lab'))!;
    const runs = await store.runs.history(lab.id, 5);
    expect(runs).toHaveLength(1);
    const [queued] = runs;
    expect(queued).toMatchObject({ trigger: 'schedule', status: 'queued', runner: null });
    const config = parseConfig({ DATABASE_URL: dbUrl, DIRSYNC_SECRET_KEY: KEY, DIRSYNC_WORKERS: '1', DIRSYNC_SCHEDULER: 'off' });
    const agent = await startAgent(config, admin.log, { pollMs: 100 });
    try {
      await expect.poll(async () => (await store.runs.get(queued!.id))!.status, { timeout: 30_000, interval: 200 }).toBe('succeeded');
    } finally {
      await agent.close();
    }
    expect(await store.runs.get(queued!.id)).toMatchObject({ runner: 'agent', counts: { users: { added: slapdInfo().users.length } } });
    // The Worker shows who ran it, in chat as on the dashboard.
    const history = await slashCommand(site, slack, { secret: SIGNING_SECRET, text: 'history lab', user: 'U0WORKER1' });
    expect(JSON.stringify(history.ack)).toContain('scheduled on dirsync agent');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}
