import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { rows } from '../../../src/adapters/db/sql.ts';
import { describeSlapd } from '../../harness/directories.ts';
import { backends } from '../../support/databases.ts';
import { useDatabase } from '../../support/suite.ts';
import { syncNow, useLab } from '../../support/sync.ts';

// The read is resolved to ids on other connections before the apply transaction takes the
// account's lock: a user purged in between (by a change released elsewhere) must come back
// under the id everything was resolved to, not leave addresses and memberships pointing nowhere.
describe.each(backends.filter((b) => b.name === 'postgres'))('ids resolved before the apply ($name)', (backend) => {
  const db = useDatabase(backend);
  const setup = useLab(() => db.store);

  describeSlapd('against its own slapd', () => {
    it('a user purged after its id was resolved is written again under that id, with its addresses and memberships', async () => {
      const { info, as, account, integration } = await setup();
      const first = await syncNow(as('operator'), 'lab');
      expect(first.status).toBe('succeeded');
      const alice = info.users.find((u) => u.name === 'alice.archer')!;
      const table = (q: ReturnType<typeof sql>) => rows<Record<string, unknown>>(db.database.db, q);
      const [user] = await table(sql`select id from directory_users where integration_id = ${integration.id} and dn = ${alice.dn}`);
      const id = Number(user!.id);
      const addresses = await table(sql`select address, is_primary from directory_addresses where user_id = ${id} order by address`);
      const groups = await table(sql`select group_id from directory_memberships where user_id = ${id} order by group_id`);
      expect(addresses.length).toBeGreaterThan(0);
      expect(groups.length).toBeGreaterThan(0);

      // Hold the account's apply lock: the run resolves its read, then waits for the lock.
      const other = postgres(db.url!, { max: 1, onnotice: () => {} });
      try {
        await other`select pg_advisory_lock(hashtext(${`dirsync.apply:${account.id}`}))`;
        const second = syncNow(as('operator'), 'lab');
        for (let i = 0; ; i++) {
          const [found] = await other`select 1 from pg_tables where tablename like 'sync_stage_uids_r%'`;
          if (found) break;
          if (i > 200) throw new Error('the run never resolved its users');
          await new Promise((r) => setTimeout(r, 25));
        }
        // What a released purge does (sync-destructive applyChanges).
        await other`delete from directory_memberships where user_id = ${id}`;
        await other`delete from directory_addresses where user_id = ${id}`;
        await other`delete from directory_users where id = ${id}`;
        await other`select pg_advisory_unlock(hashtext(${`dirsync.apply:${account.id}`}))`;
        const run = await second;
        expect(run).toMatchObject({ status: 'succeeded', failure: null });
        expect(run.counts!.users).toEqual({ added: 0, updated: 0, restored: 1, unchanged: info.users.length - 1 });
      } finally {
        await other.end();
      }
      const [back] = await table(sql`select id, status, address_type from directory_users where integration_id = ${integration.id} and dn = ${alice.dn}`);
      expect(back).toMatchObject({ status: 'active', address_type: 'directory' });
      expect(Number(back!.id)).toBe(id);
      expect(await table(sql`select address, is_primary from directory_addresses where user_id = ${id} order by address`)).toEqual(addresses);
      expect(await table(sql`select group_id from directory_memberships where user_id = ${id} order by group_id`)).toEqual(groups);
    });
  });
});
