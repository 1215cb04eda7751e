import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../../src/adapters/db/sql.ts';
import { describeSlapd } from '../../harness/directories.ts';
import { memoryLogger } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { useDatabase } from '../../support/suite.ts';
import { syncNow, useLab } from '../../support/sync.ts';

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
