import { sql } from 'drizzle-orm';
import { duplicateWords } from '../../../src/presenters/words.ts';
import type { DuplicateAddress } from '../../../src/core/sync-ports.ts';
import { describe, expect, it } from 'vitest';
import { updateAccount } from '../../../src/commands/account/update.ts';
import { rows } from '../../../src/adapters/db/sql.ts';
import { describeSlapd } from '../../harness/directories.ts';
import { testDeps } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { useDatabase } from '../../support/suite.ts';
import { addLab, syncNow, useLab } from '../../support/sync.ts';

const DAY = 86_400_000;

describe.each(backends)('sync engine ($name)', (backend) => {
  const db = useDatabase(backend);
  const setup = useLab(() => db.store);
  const table = (query: ReturnType<typeof sql>) => rows<Record<string, unknown>>(db.database.db, query);
  const snapshot = async (integration: string) => ({
    users: await table(sql`select * from directory_users u where u.integration_id = ${integration} order by id`),
    addresses: await table(sql`select a.* from directory_addresses a join directory_users u on u.id = a.user_id where u.integration_id = ${integration} order by a.address`),
    groups: await table(sql`select * from directory_groups where integration_id = ${integration} order by id`),
    memberships: await table(sql`select m.* from directory_memberships m join directory_groups g on g.id = m.group_id where g.integration_id = ${integration} order by group_id, user_id`),
    pending: await table(sql`select * from pending_changes where integration_id = ${integration} order by id`),
  });

  describeSlapd('against its own slapd', () => {
    it('a first sync matches the directory; a second changes nothing and writes no row', async () => {
      const { info, as, account } = await setup();
      const first = await syncNow(as('operator'), 'lab');
      expect(first).toMatchObject({ status: 'succeeded', failure: null, trigger: 'manual', actor: 'cli:operator-user' });
      const userMemberships = info.groups.flatMap((g) => g.members.filter((m) => m.startsWith('uid=')));
      expect(first.counts).toEqual({
        users: { added: info.users.length, updated: 0, restored: 0, unchanged: 0 },
        groups: { added: info.groups.length, updated: 0, restored: 0, unchanged: 0 },
        memberships: { added: userMemberships.length, updated: 0, restored: 0, unchanged: 0 },
        skipped: 0,
      });
      const integration = (await db.store.integrations.findByName(account.id, 'lab'))!;
      const before = await snapshot(integration.id);
      const alice = info.users.find((u) => u.name === 'alice.archer')!;
      const stored = before.users.find((u) => u.dn === alice.dn)!;
      expect(stored).toMatchObject({ address_type: 'directory', status: 'active', primary_email: alice.mail, display_name: alice.displayName });
      expect(stored.external_id).toMatch(/^[0-9a-f-]{36}$/);
      const addresses = before.addresses.filter((a) => a.user_id === stored.id).map((a) => a.address).sort();
      const expected = alice.proxyAddresses.filter((p) => /^smtp:/i.test(p)).map((p) => p.slice(5).toLowerCase());
      expect(addresses).toEqual([...new Set([alice.mail!, ...expected])].sort());

      const second = await syncNow(as('operator'), 'lab');
      expect(second.counts!.users).toEqual({ added: 0, updated: 0, restored: 0, unchanged: info.users.length });
      expect(second.counts!.memberships.unchanged).toBe(userMemberships.length);
      expect(second.destructive).toMatchObject({ applied: 0, held: 0, awaitingApproval: 0 });
      expect(await snapshot(integration.id)).toEqual(before);
      expect(await table(sql`select tablename from pg_tables where tablename like ${`sync_stage_%_r${second.id}`}`)).toEqual([]);
    });

    it('base DNs that overlap read some entries twice, and each is still synced once', async () => {
      const { info, as, account } = await setup();
      const single = await syncNow(as('operator'), 'lab');
      // The whole tree, and again the people and the groups inside it.
      await addLab(as('admin'), info, 'lab-twice', { baseDns: [info.baseDn, 'ou=People,dc=example,dc=org', 'ou=Groups,dc=example,dc=org'] });
      const twice = await syncNow(as('operator'), 'lab-twice');
      expect(twice).toMatchObject({ status: 'succeeded', failure: null });
      expect(twice.counts!.users.added).toBe(single.counts!.users.added);
      expect(twice.counts!.groups.added).toBe(single.counts!.groups.added);
      expect(twice.counts!.memberships.added).toBe(single.counts!.memberships.added);
      const integration = (await db.store.integrations.findByName(account.id, 'lab-twice'))!;
      const before = await snapshot(integration.id);
      const again = await syncNow(as('operator'), 'lab-twice');
      expect(again.counts!.users).toEqual({ added: 0, updated: 0, restored: 0, unchanged: single.counts!.users.added });
      expect(again.destructive).toMatchObject({ applied: 0, held: 0, awaitingApproval: 0 });
      expect(await snapshot(integration.id)).toEqual(before);
    });

    it('renamed, moved and re-mailed users are updated in place', async () => {
      const { info, as, admin, account } = await setup();
      await syncNow(as('operator'), 'lab');
      const [alice, bob, carol] = ['alice.archer', 'bob.baker', 'carol.chen'].map((n) => info.users.find((u) => u.name === n)!);
      await admin.replace(alice!.dn, 'displayName', ['Alice A. Archer']);
      const movedDn = 'uid=bob.baker,ou=Docs\\2FKB,dc=example,dc=org';
      await admin.move(bob!.dn, movedDn);
      await admin.replace('cn=engineering,ou=Groups,dc=example,dc=org', 'member', info.groups.find((g) => g.name === 'engineering')!.members.map((m) => (m === bob!.dn ? movedDn : m)));
      await admin.replace(carol!.dn, 'mail', ['carol@new.example.org']);
      await admin.replace(carol!.dn, 'proxyAddresses', ['SMTP:Carol@New.Example.org', 'smtp:c.chen@example.org', 'X500:/o=Example/cn=carol']);
      const run = await syncNow(as('operator'), 'lab');
      expect(run.counts!.users).toMatchObject({ added: 0, updated: 3, restored: 0 });
      expect(run.destructive).toMatchObject({ applied: 0, held: 0 });
      const integration = (await db.store.integrations.findByName(account.id, 'lab'))!;
      const users = (await snapshot(integration.id)).users;
      expect(users.find((u) => u.dn === alice!.dn)!.display_name).toBe('Alice A. Archer');
      expect(users.some((u) => String(u.dn).toLowerCase() === 'uid=bob.baker,ou=docs/kb,dc=example,dc=org')).toBe(true);
      const c = users.find((u) => u.dn === carol!.dn)!;
      expect(c.primary_email).toBe('carol@new.example.org');
      const addresses = (await table(sql`select address, is_primary from directory_addresses where user_id = ${c.id} order by address`)).map((a) => `${a.address}${a.is_primary ? '*' : ''}`);
      expect(addresses).toEqual(['c.chen@example.org', 'carol@new.example.org*']);
    });

    it('a user that leaves the base becomes message_in_transit, comes back restored, and ages through delete and purge', async () => {
      const { info, as, admin, account } = await setup();
      await updateAccount({ ctx: as('admin'), input: { deletionThresholdPercent: 100 } });
      const integration = (await db.store.integrations.findByName(account.id, 'lab'))!;
      await db.store.integrations.update(integration.id, { baseDns: ['ou=People,dc=example,dc=org'] }, new Date());
      await syncNow(as('operator'), 'lab');
      const ivy = info.users.find((u) => u.name === 'ivy.ito')!;
      const away = 'uid=ivy.ito,ou=Services,dc=example,dc=org';
      await admin.move(ivy.dn, away);
      const gone = await syncNow(as('operator'), 'lab');
      expect(gone.destructive).toMatchObject({ applied: 1, byKind: { applied: { change_address_type: 1 } } });
      const [{ external_id: ivyId }] = (await table(sql`select external_id from directory_users where integration_id = ${integration.id} and dn = ${ivy.dn}`)) as [{ external_id: string }];
      const user = async () => (await table(sql`select * from directory_users where integration_id = ${integration.id} and external_id = ${ivyId}`))[0]!;
      expect(await user()).toMatchObject({ address_type: 'message_in_transit', status: 'active' });
      await admin.move(away, ivy.dn);
      const back = await syncNow(as('operator'), 'lab');
      expect(back.counts!.users.restored).toBe(1);
      expect(await user()).toMatchObject({ address_type: 'directory', status: 'active' });

      await admin.move(ivy.dn, away);
      await syncNow(as('operator'), 'lab');
      const later = (days: number) => ({ ...as('operator'), now: () => new Date(Date.now() + days * DAY) });
      const deleted = await syncNow(later(31), 'lab');
      expect(deleted.destructive!.byKind.applied.delete_user).toBe(1);
      expect(await user()).toMatchObject({ status: 'deleted' });
      const purged = await syncNow(later(62), 'lab');
      expect(purged.destructive!.byKind.applied.purge_user).toBe(1);
      expect(await table(sql`select * from directory_users where integration_id = ${integration.id} and external_id = ${ivyId}`)).toEqual([]);
      const record = await table(sql`select kind, status from pending_changes where integration_id = ${integration.id} and kind = 'purge_user'`);
      expect(record).toEqual([{ kind: 'purge_user', status: 'applied' }]);
      const leftovers = await table(sql`
        select (select count(*)::int from directory_addresses a where not exists (select 1 from directory_users u where u.id = a.user_id)) as addresses,
               (select count(*)::int from directory_memberships m where not exists (select 1 from directory_users u where u.id = m.user_id)) as memberships`);
      expect(leftovers).toEqual([{ addresses: 0, memberships: 0 }]);
    });

    it('a stored password sealed with another key fails the run at once, saying so, and is not retried', async () => {
      const { as, integration } = await (async () => {
        const t = await setup();
        return { ...t, integration: (await db.store.integrations.findByName(t.account.id, 'lab'))! };
      })();
      const otherKey = { ...as('operator'), secrets: testDeps(db.store).secrets };
      const run = await syncNow(otherKey, 'lab');
      expect(run).toMatchObject({ status: 'failed', attempt: 1, failure: null, error: expect.stringMatching(/^the stored bind password cannot be opened: this secret was sealed with key \w+, but the configured DIRSYNC_SECRET_KEY is \w+$/) });
      expect((await db.store.integrations.findById(integration.id))!.state).toBe('error');
      const [audit] = await db.store.audit.list({ accountId: integration.accountId, limit: 1, action: 'sync.run' });
      expect(audit).toMatchObject({ target: 'lab', outcome: 'failed', detail: { run: run.id, status: 'failed' } });
    });

    it('an address claimed by two users is reported, not overwritten', async () => {
      const { info, as, account } = await setup();
      await syncNow(as('operator'), 'lab');
      await addLab(as('admin'), info, 'lab-copy', { baseDns: ['ou=People,dc=example,dc=org'] });
      const copy = await syncNow(as('operator'), 'lab-copy');
      expect(copy.status).toBe('succeeded');
      const alice = info.users.find((u) => u.name === 'alice.archer')!;
      // The same DN on both sides (two integrations read one directory): each side names its integration.
      const duplicate = { address: alice.mail, owner: alice.dn, ownerIntegration: 'lab', claimant: alice.dn, claimantIntegration: 'lab-copy' };
      expect(copy.duplicates).toContainEqual(duplicate);
      expect(duplicateWords(duplicate as DuplicateAddress).join('')).toBe(`${alice.mail}: owned by ${alice.dn} (integration lab), also claimed by ${alice.dn} (integration lab-copy)`);
      const owners = await table(sql`select u.integration_id from directory_addresses a join directory_users u on u.id = a.user_id where a.account_id = ${account.id} and a.address = ${alice.mail}`);
      expect(owners).toEqual([{ integration_id: (await db.store.integrations.findByName(account.id, 'lab'))!.id }]);
    });
  });
});
