import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rows } from '../../../src/adapters/db/sql.ts';
import type { CommandContext } from '../../../src/commands/context.ts';
import { keepLease } from '../../../src/commands/sync/internal/keep-lease.ts';
import type { RunJob } from '../../../src/commands/sync/internal/start-run.ts';
import type { ProgressEvent } from '../../../src/core/progress.ts';
import { LostLease, type RunRecord } from '../../../src/core/sync-ports.ts';
import { describeSlapd } from '../../harness/directories.ts';
import { memoryLogger } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { useDatabase } from '../../support/suite.ts';
import { syncNow, useLab } from '../../support/sync.ts';

describe('keepLease', () => {
  afterEach(() => vi.useRealTimers());

  function leaseWith(renew: () => Promise<boolean>) {
    const events: ProgressEvent[] = [];
    const renewals: unknown[][] = [];
    const log = memoryLogger();
    const ctx = {
      store: { runs: { renew: (...args: unknown[]) => (renewals.push(args), renew()) } },
      progress: (e: ProgressEvent) => events.push(e),
      log,
    } as unknown as CommandContext;
    const job = { ctx, run: { id: 7 } as RunRecord, integration: { name: 'lab' }, owner: 'w1' } as RunJob;
    return { lease: keepLease(job, 1500), events, renewals, log };
  }

  it('renews every third of the lease with the entries read, and stops the run at the next progress once it was taken over', async () => {
    vi.useFakeTimers();
    let mine = true;
    const { lease, events, renewals } = leaseWith(async () => mine);
    lease.progress('users', 100);
    await vi.advanceTimersByTimeAsync(500);
    expect(renewals).toEqual([[7, 'w1', 1500, 100]]);
    lease.progress('users', 200);
    mine = false;
    await vi.advanceTimersByTimeAsync(500);
    expect(() => lease.progress('groups', 300)).toThrow(LostLease);
    expect(lease.entriesRead).toBe(300);
    expect(events).toEqual([
      { type: 'sync.progress', integration: 'lab', runId: 7, phase: 'users', entriesRead: 100 },
      { type: 'sync.progress', integration: 'lab', runId: 7, phase: 'users', entriesRead: 200 },
    ]);
    lease.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(renewals).toHaveLength(2);
  });

  it('a renewal that fails is logged and the run goes on', async () => {
    vi.useFakeTimers();
    const { lease, log } = leaseWith(() => Promise.reject(new Error('statement timeout')));
    await vi.advanceTimersByTimeAsync(500);
    expect(() => lease.progress('users', 1)).not.toThrow();
    expect(log.lines).toMatchObject([{ level: 'warn', msg: 'could not renew a run lease' }]);
    lease.stop();
  });
});

describe.each(backends)('a run taken over by another worker ($name)', (backend) => {
  const db = useDatabase(backend);
  const setup = useLab(() => db.store);

  describeSlapd('against its own slapd', () => {
    it('stops at its apply: nothing applied, nothing recorded, the run left to its new owner', async () => {
      const { as, integration, account } = await setup();
      const ctx = as('operator');
      // Another worker takes the run over while this one checks its read.
      const stagedUsers: typeof db.store.sync.stagedUsers = async (runId, i) => {
        await db.database.db.execute(sql`update sync_runs set lease_owner = 'other-worker' where id = ${runId}`);
        return db.store.sync.stagedUsers(runId, i);
      };
      const run = await syncNow({ ...ctx, store: { ...db.store, sync: { ...db.store.sync, stagedUsers } } }, 'lab');
      expect(run).toMatchObject({ status: 'running', leaseOwner: 'other-worker', counts: null, failure: null });
      expect(await rows(db.database.db, sql`select 1 from directory_users where integration_id = ${integration.id}`)).toEqual([]);
      expect(await db.store.audit.list({ accountId: account.id, limit: 10, action: 'integration.sync.run' })).toEqual([]);
      const log = (ctx.log as ReturnType<typeof memoryLogger>).lines;
      expect(log).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'a run was taken over by another worker; this one stops' }));
      expect(await rows(db.database.db, sql`select tablename from pg_tables where tablename like ${`sync_stage_%_r${run.id}`}`)).toEqual([]);
    });
  });
});
