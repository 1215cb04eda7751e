import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/adapters/db/client.ts';
import { createStore } from '../../../src/adapters/db/store.ts';
import { createScheduler } from '../../../src/faces/jobs/scheduler.ts';
import { runOnce, startWorker } from '../../../src/faces/jobs/worker.ts';
import { disableIntegration } from '../../../src/commands/integration/disable.ts';
import { updateAccount } from '../../../src/commands/account/update.ts';
import type { Store } from '../../../src/core/ports.ts';
import type { RunRecord } from '../../../src/core/sync-ports.ts';
import { describeSlapd } from '../../harness/directories.ts';
import type { SlapdInstance } from '../../harness/slapd.ts';
import { testAccount, testDeps } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { useDatabase } from '../../support/suite.ts';
import { addLab, ownSlapd } from '../../support/sync.ts';

const SLOT = new Date('2026-11-21T08:00:00.000Z'); // 08:00 UTC: a slot of the default schedule

describe.each(backends)('scheduler and workers ($name)', (backend) => {
  const db = useDatabase(backend);
  let dir: Awaited<ReturnType<typeof ownSlapd>>;
  beforeAll(async () => {
    dir = await ownSlapd();
  });
  afterAll(() => dir.slapd.stop());

  describeSlapd('with a directory', () => {
    it('queues each schedule slot once, however many schedulers tick, and skips disabled integrations', async () => {
      const { as, account } = await testAccount(db.store);
      await addLab(as('admin'), dir.info, 'lab');
      await addLab(as('admin'), dir.info, 'off');
      await disableIntegration({ ctx: as('operator'), input: { name: 'off' } });
      const schedulers = [1, 2, 3].map(() => createScheduler({ deps: as('admin'), intervalMs: 30_000, catchUpMs: 60_000 }));
      await Promise.all(schedulers.map((s) => s.tick(new Date(SLOT.getTime() + 5_000))));
      const lab = (await db.store.integrations.findByName(account.id, 'lab'))!;
      const runs = await db.store.runs.history(lab.id, 10);
      expect(runs).toHaveLength(1);
      // 08:00 is a slot of both schedules: the full read is queued, the delta slot joins it.
      expect(runs[0]).toMatchObject({ trigger: 'schedule', slot: SLOT, actor: 'system:scheduler', status: 'queued', requestedMode: 'full' });
      const off = (await db.store.integrations.findByName(account.id, 'off'))!;
      expect(await db.store.runs.history(off.id, 10)).toEqual([]);
      // The next tick, before the next slot, queues nothing new.
      await schedulers[0]!.tick(new Date(SLOT.getTime() + 60_000));
      expect(await db.store.runs.history(lab.id, 10)).toHaveLength(1);
    });

    it('queues each delta slot once as a delta, and none when the delta schedule is off', async () => {
      const { as, account } = await testAccount(db.store);
      await addLab(as('admin'), dir.info, 'often', { schedule: '0 3 * * *' });
      await addLab(as('admin'), dir.info, 'never', { schedule: '0 3 * * *', deltaSchedule: 'off' });
      const half = new Date(SLOT.getTime() + 30 * 60_000);
      const schedulers = [1, 2].map(() => createScheduler({ deps: as('admin'), intervalMs: 30_000, catchUpMs: 60_000 }));
      await Promise.all(schedulers.map((s) => s.tick(new Date(half.getTime() + 5_000))));
      const often = (await db.store.integrations.findByName(account.id, 'often'))!;
      expect(await db.store.runs.history(often.id, 10)).toMatchObject([{ trigger: 'schedule', slot: half, requestedMode: 'delta', status: 'queued' }]);
      const never = (await db.store.integrations.findByName(account.id, 'never'))!;
      expect(await db.store.runs.history(never.id, 10)).toEqual([]);
    });

    it("uses the account's time zone", async () => {
      const { as, account } = await testAccount(db.store);
      await updateAccount({ ctx: as('admin'), input: { timeZone: 'Asia/Tokyo' } });
      await addLab(as('admin'), dir.info, 'tokyo', { schedule: '0 9 * * *' });
      const tokyo = (await db.store.integrations.findByName(account.id, 'tokyo'))!;
      const scheduler = createScheduler({ deps: as('admin'), intervalMs: 30_000, catchUpMs: 60_000 });
      await scheduler.tick(new Date('2026-11-21T00:00:30.000Z')); // 09:00:30 in Tokyo
      expect((await db.store.runs.history(tokyo.id, 1))[0]).toMatchObject({ slot: new Date('2026-11-21T00:00:00.000Z') });
    });

    it('takes over a run whose worker died, after its lease expired', async () => {
      const { as, account } = await testAccount(db.store);
      await addLab(as('admin'), dir.info, 'lab');
      const lab = (await db.store.integrations.findByName(account.id, 'lab'))!;
      const { run } = await db.store.runs.request({ accountId: account.id, integrationId: lab.id, trigger: 'manual', actor: 'cli:x', now: new Date() });
      const dead = await db.store.runs.claim('dead-worker', 60_000, [run.id]);
      expect(dead).toMatchObject({ id: run.id, attempt: 1, leaseOwner: 'dead-worker' });
      // It had read part of the directory before dying.
      const partial = await db.store.sync.staging(run.id);
      await partial.users([{ externalId: 'half-read', dn: 'uid=x,dc=example,dc=org', displayName: null, primaryEmail: null, addresses: [], disabled: false }]);
      await partial.finish();
      expect(await runOnce({ deps: as('admin'), owner: 'alive', leaseMs: 30_000 }, [run.id])).toBeNull(); // lease still valid
      // The minute passes (set on the database's clock, which leases use, rather than waited for).
      await db.database.db.execute(sql`update sync_runs set lease_expires_at = now() - interval '1 second' where id = ${run.id}`);
      const done = await runOnce({ deps: as('admin'), owner: 'alive', leaseMs: 30_000 }, [run.id]);
      expect(done).toMatchObject({ id: run.id, status: 'succeeded', attempt: 2, counts: { users: { added: dir.info.users.length } } });
      expect(await db.store.runs.finish(run.id, 'dead-worker', { status: 'failed', counts: null, destructive: null, blockedBy: null, approvalRequestId: null, duplicates: null, failure: null, certificate: null })).toBe(false);
      expect((await db.store.runs.get(run.id))!.status).toBe('succeeded');
    });

    it('sweeps staging tables left by a run that is no longer running', async () => {
      const { as, account } = await testAccount(db.store);
      await addLab(as('admin'), dir.info, 'lab');
      const lab = (await db.store.integrations.findByName(account.id, 'lab'))!;
      const { run } = await db.store.runs.request({ accountId: account.id, integrationId: lab.id, trigger: 'manual', actor: 'cli:x', now: new Date() });
      await db.store.sync.staging(run.id);
      expect(await db.store.sync.sweepStaging()).toBe(0); // still queued: its staging is kept
      await db.store.runs.cancelOpen(lab.id, new Date());
      expect(await db.store.sync.sweepStaging()).toBe(1);
      expect(await db.store.sync.sweepStaging()).toBe(0);
    });
  });
});

describe.runIf(process.env.DATABASE_URL)('three replicas on one Postgres', () => {
  const replicas: { store: Store; close(): Promise<void> }[] = [];
  let dir: Awaited<ReturnType<typeof ownSlapd>>;
  let drop: () => Promise<void>;
  const servers: SlapdInstance[] = [];
  beforeAll(async () => {
    const db = await backends.find((b) => b.name === 'postgres')!.create();
    drop = db.drop;
    for (let i = 0; i < 3; i++) {
      const database = await openDatabase({ kind: 'postgres', url: db.url! });
      replicas.push({ store: createStore(database), close: () => database.close() });
    }
    dir = await ownSlapd();
    servers.push(dir.slapd);
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.close()));
    await Promise.all(servers.map((s) => s.stop()));
    await drop();
  });

  it('each due sync runs exactly once', async () => {
    const [first] = replicas;
    const key = randomBytes(32); // one DIRSYNC_SECRET_KEY for every replica
    const { as, account } = await testAccount(first!.store, testDeps(first!.store, key));
    for (const name of ['east', 'west', 'north']) await addLab(as('admin'), dir.info, name);
    const deps = replicas.map((r) => testDeps(r.store, key));
    await Promise.all(deps.map((d) => createScheduler({ deps: d, intervalMs: 30_000, catchUpMs: 60_000 }).tick(new Date(SLOT.getTime() + 1000))));
    const workers = deps.map((d, i) => startWorker({ deps: d, owner: `replica-${i}`, concurrency: 2, leaseMs: 30_000, pollMs: 50 }));
    const integrations = await first!.store.integrations.list(account.id);
    const deadline = Date.now() + 20_000;
    let runs: RunRecord[] = [];
    while (Date.now() < deadline) {
      runs = (await Promise.all(integrations.map((i) => first!.store.runs.history(i.id, 10)))).flat();
      if (runs.length === 3 && runs.every((r) => r.status === 'succeeded')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await Promise.all(workers.map((w) => w.stop()));
    expect(runs.map((r) => [r.status, r.attempt, r.runner])).toEqual([['succeeded', 1, 'server'], ['succeeded', 1, 'server'], ['succeeded', 1, 'server']]);
    const executions = await first!.store.audit.list({ accountId: account.id, limit: 50, action: 'sync.run' });
    expect(executions).toHaveLength(3);
    expect(new Set(executions.map((e) => e.detail.run)).size).toBe(3);
  });
});
