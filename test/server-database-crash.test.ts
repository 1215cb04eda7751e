// Postgres dies mid-sync (SIGKILL to a private cluster: the shared server is never touched):
// the real server process and the real CLI must survive it, record the run as dirsync's own
// failure, derive nothing destructive, and carry on once the database is back.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/adapters/db/client.ts';
import { createStore } from '../src/adapters/db/store.ts';
import { requestSync } from '../src/commands/sync/request.ts';
import type { CommandContext } from '../src/commands/context.ts';
import type { Store } from '../src/core/ports.ts';
import type { RunRecord } from '../src/core/sync-ports.ts';
import { dirsyncCli, startDirsync } from './e2e/server-process.ts';
import { describeSlapd } from './harness/directories.ts';
import { privatePostgresUnavailable, startPrivatePostgres, type PrivatePostgres } from './harness/private-postgres.ts';
import { DEFAULT_ACCOUNT_NAME } from '../src/core/account.ts';
import { testDeps } from './support/context.ts';
import { addLab, extraPeople, ownSlapd } from './support/sync.ts';

const USERS = 3000; // enough for a read that lasts while the test watches for its COPY
const unavailable = privatePostgresUnavailable();
if (unavailable && process.env.CI === 'true') throw new Error(`a private PostgreSQL cluster cannot run here: ${unavailable}`);
if (unavailable) console.warn(`!! database-crash tests skipped: ${unavailable}`);

(unavailable ? describe.skip : describeSlapd)('Postgres killed mid-sync (private cluster)', () => {
  let pg: PrivatePostgres;
  let dir: Awaited<ReturnType<typeof ownSlapd>>;
  let database: Database;
  let store: Store;
  let admin: CommandContext;
  let accountId: string;
  let integrationId: string;
  const key = randomBytes(32);
  const cleanup: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    cleanup.push(() => pg.stop());
    dir = await ownSlapd(extraPeople(USERS));
    cleanup.push(() => dir.slapd.stop());
  }, 120_000);
  afterAll(async () => {
    // Latest first; every step runs even if one fails, so the cluster is always killed and removed.
    for (const step of cleanup.reverse()) await step().catch(() => {});
  });

  const env = () => ({ DATABASE_URL: pg.url, DIRSYNC_SECRET_KEY: key.toString('base64'), LOG_LEVEL: 'info' });

  /** Watches the private cluster for a moment, then SIGKILLs it (postmaster and every backend). */
  async function killWhen(moment: (rows: { query: string; state: string; wait_event_type: string | null }[]) => boolean): Promise<void> {
    const watch = postgres(pg.url, { max: 1, onnotice: () => {} });
    try {
      await expect.poll(async () => moment(await watch`select query, state, wait_event_type from pg_stat_activity where application_name = 'dirsync'`), { timeout: 20_000, interval: 5 }).toBe(true);
    } finally {
      await pg.kill();
      await watch.end({ timeout: 0 }).catch(() => {});
    }
  }
  const copyingUsers = (rows: { query: string; state: string }[]) => rows.some((r) => r.state === 'active' && /^copy "sync_stage_users_/.test(r.query));

  const runs = async () => (await store.runs.history(integrationId, 50).catch(() => [] as RunRecord[])).reverse();
  const health = async (server: Awaited<ReturnType<typeof startDirsync>>) =>
    server.alive() ? ((await fetch(`${server.url}/healthz`).catch(() => null))?.status ?? 0) : `dirsync exited:\n${server.log().slice(-3000)}`;
  /** No destructive change and no user taken out of the directory: a bad read derived nothing. */
  async function nothingDestructive() {
    const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    try {
      const [changes] = await sql`select count(*)::int as n from pending_changes where integration_id = ${integrationId}`;
      const [users] = await sql`select count(*) filter (where status = 'active' and address_type = 'directory')::int as present, count(*)::int as total from directory_users where integration_id = ${integrationId}`;
      return { changes: changes!.n, ...users };
    } finally {
      await sql.end({ timeout: 1 });
    }
  }

  it('the server keeps serving; each run fails as dirsync\'s own, nothing destructive is derived, a retry succeeds and the scheduler keeps queueing', async () => {
    const server = await startDirsync({ ...env(), DIRSYNC_WORKERS: '1' });
    cleanup.push(() => server.stop());
    database = await openDatabase({ kind: 'postgres', url: pg.url });
    cleanup.push(() => database.close());
    store = createStore(database);
    // The default account: the one the CLI acts in.
    accountId = (await store.accounts.findByName(DEFAULT_ACCOUNT_NAME))!.id;
    admin = { ...testDeps(store, key), accountId, actor: { platform: 'cli', id: 'admin', role: 'admin' } };
    // Every second: each scheduler tick has a slot to queue.
    await addLab(admin, dir.info, 'lab', { schedule: '* * * * * *' });
    integrationId = (await store.integrations.findByName(accountId, 'lab'))!.id;
    const present = USERS + dir.info.users.length;

    // Full reads: the moments below (mid-COPY of the users) are a full read's; a delta stages few users.
    const sync = async () => (await requestSync({ ctx: admin, input: { name: 'lab', full: true } })).runs[0]!.run;
    const settled = async (id: number) => {
      await expect.poll(async () => (await runs()).find((r) => r.id === id)?.status, { timeout: 30_000, interval: 100 }).toMatch(/^(succeeded|failed)$/);
      return (await runs()).find((r) => r.id === id)!;
    };
    expect(await settled(await sync())).toMatchObject({ status: 'succeeded', counts: { users: { added: present } } });

    /** Kills the cluster at `moment` of a manual run; the server reports it down, then up again once restarted. */
    async function crash(moment: Parameters<typeof killWhen>[0], before?: () => Promise<() => Promise<void>>) {
      const release = await before?.();
      const id = await sync();
      await killWhen(moment);
      await release?.();
      await expect.poll(() => health(server), { timeout: 10_000 }).toBe(503);
      expect(server.alive()).toBe(true);
      await pg.restart();
      await expect.poll(() => health(server), { timeout: 10_000 }).toBe(200);
      const failed = await settled(id);
      // The worker queued the sync again when the database answered; it succeeds.
      await expect.poll(async () => (await runs()).filter((r) => r.id > id && r.trigger === 'manual').map((r) => r.status), { timeout: 30_000, interval: 200 }).toEqual(['succeeded']);
      expect(await nothingDestructive()).toEqual({ changes: 0, present, total: present });
      const lab = (await store.integrations.findById(integrationId))!;
      expect(lab.state).toBe('enabled'); // not the directory's fault: nothing is held for it
      expect(await store.alerts.open(accountId, integrationId)).toEqual([]);
      expect(server.alive()).toBe(true);
      return failed;
    }

    const midCopy = await crash(copyingUsers);
    expect(midCopy).toMatchObject({ status: 'failed', destructive: null, counts: null, failure: { class: 'internal', reason: 'database_connection_lost', stage: 'read' } });
    expect(midCopy.failure!.message).toMatch(/The database connection was lost during the read: nothing of this run was applied; the sync was queued again/);

    // Mid-apply: an advisory lock the apply waits for holds its transaction open until the kill.
    const lockKey = `dirsync.apply:${accountId}`;
    const midApply = await crash(
      (rows) => rows.some((r) => r.state === 'active' && r.wait_event_type === 'Lock' && r.query.includes('pg_advisory_xact_lock')),
      async () => {
        const client = postgres(pg.url, { max: 1, onnotice: () => {} });
        const locker = await client.reserve();
        await locker`begin`;
        await locker`select pg_advisory_xact_lock(hashtext(${lockKey}))`;
        return async () => void (await client.end({ timeout: 0 }).catch(() => {}));
      },
    );
    expect(midApply).toMatchObject({ status: 'failed', destructive: null, failure: { class: 'internal', reason: 'database_connection_lost', stage: 'apply' } });
    expect(midApply.failure!.message).toMatch(/The database connection was lost during the apply: its transaction was rolled back/);

    // A later tick of the scheduler (every 30 s; one that finds a run open joins it) queues the
    // current slot, and the worker runs it.
    await expect.poll(async () => (await runs()).filter((r) => r.trigger === 'schedule').map((r) => r.status), { timeout: 70_000, interval: 250 }).toContain('succeeded');
    expect(server.alive()).toBe(true);
    expect(server.log()).toContain('the database connection was lost during the read of lab');
    expect(server.log()).not.toMatch(/TypeError|Uncaught|unhandled/i);
    await server.stop();
  }, 150_000);

  it('the CLI exits 1 with the reason, and leaves the run for a takeover', async () => {
    await pg.restart(); // whatever the test before left it in
    const cli = dirsyncCli(['sync', 'lab', '--full'], env(), '');
    await killWhen(copyingUsers);
    const { code, out } = await cli;
    await pg.restart();
    expect(out).toMatch(/^error: the database connection was lost during the read of lab \(sync #\d+\): .+\. Nothing of this run was applied\. Check that dirsync's Postgres is running and reachable/m);
    expect(out).not.toMatch(/TypeError|Uncaught|at .*connection\.js/);
    expect(code).toBe(1);
    // Still claimed by the CLI that died with it: a worker takes it over once the lease expires.
    const [last] = (await runs()).slice(-1);
    expect(last).toMatchObject({ status: 'running', trigger: 'manual', counts: null });
    expect(last!.leaseExpiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(await nothingDestructive()).toMatchObject({ changes: 0 });
  }, 60_000);
});
