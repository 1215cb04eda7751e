import { sql } from 'drizzle-orm';
import { Attribute, Change, Client } from 'ldapts';
import { expect, it } from 'vitest';
import { addIntegration } from '../../src/commands/integration/add.ts';
import { updateAccount } from '../../src/commands/account/update.ts';
import { rows } from '../../src/adapters/db/sql.ts';
import { describeSamba, sambaInfo } from '../harness/directories.ts';
import { testAccount } from '../support/context.ts';
import { backends } from '../support/databases.ts';
import { useDatabase } from '../support/suite.ts';
import { syncNow } from '../support/sync.ts';

const asArray = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

describeSamba('syncing a real Samba AD DC', () => {
  const db = useDatabase(backends[0]!);

  async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
    const info = sambaInfo();
    const c = new Client({ url: info.ldapsUrl, tlsOptions: { ca: info.caPem } });
    await c.bind(info.admin.dn, info.admin.password);
    try {
      return await fn(c);
    } finally {
      await c.unbind();
    }
  }

  it('reads users by objectGUID, skips disabled accounts, and keeps proxyAddresses', async () => {
    const info = sambaInfo();
    const { as, account } = await testAccount(db.store);
    await updateAccount({ ctx: as('admin'), input: { deletionThresholdPercent: 100 } });
    await addIntegration({
      ctx: as('admin'),
      input: { name: 'corp-ad', kind: 'active_directory', urls: [info.ldapsUrl], caPem: info.caPem, bindDn: info.service.dn, bindPassword: info.service.password, baseDns: [info.baseDn] },
    });
    const directory = await admin((c) =>
      c.search(info.baseDn, { filter: '(&(objectCategory=person)(objectClass=user))', attributes: ['userAccountControl'] }),
    );
    const enabled = directory.searchEntries.filter((e) => (Number(e.userAccountControl) & 2) === 0);
    expect(enabled.length).toBeLessThan(directory.searchEntries.length); // Guest, krbtgt, the disabled fixture account

    const run = await syncNow(as('operator'), 'corp-ad');
    expect(run).toMatchObject({ status: 'succeeded', failure: null });
    expect(run.counts!.users.added).toBe(enabled.length);
    const integration = (await db.store.integrations.findByName(account.id, 'corp-ad'))!;
    const users = await rows<{ id: number; external_id: string; dn: string; primary_email: string | null }>(db.database.db, sql`select id, external_id, dn, primary_email from directory_users where integration_id = ${integration.id}`);
    expect(users.map((u) => u.dn.toLowerCase()).sort()).toEqual(enabled.map((e) => e.dn.toLowerCase()).sort());
    expect(users.some((u) => u.dn === info.failures.disabled.dn)).toBe(false);

    // AD resolves <GUID=…> in its standard string form: an independent check of the conversion.
    const sample = users.find((u) => u.dn === info.service.dn)!;
    expect(sample.external_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const byGuid = await admin((c) => c.search(`<GUID=${sample.external_id}>`, { scope: 'base', attributes: ['distinguishedName'] }));
    expect(byGuid.searchEntries[0]!.dn.toLowerCase()).toBe(info.service.dn.toLowerCase());

    const withProxy = info.users.find((u) => u.proxyAddresses.some((p) => p.startsWith('SMTP:')))!;
    const stored = users.find((u) => u.dn.toLowerCase() === withProxy.dn.toLowerCase())!;
    const primary = withProxy.proxyAddresses.find((p) => p.startsWith('SMTP:'))!.slice(5).toLowerCase();
    expect(stored.primary_email).toBe(primary);
    const addresses = await rows<{ address: string }>(db.database.db, sql`select address from directory_addresses where user_id = ${stored.id}`);
    const expected = withProxy.proxyAddresses.filter((p) => /^smtp:/i.test(p)).map((p) => p.slice(5).toLowerCase());
    expect(addresses.map((a) => a.address).sort()).toEqual([...new Set([...expected, ...(withProxy.mail ? [withProxy.mail.toLowerCase()] : [])])].sort());

    const groups = await rows<{ name: string; members: number }>(db.database.db, sql`
      select g.name, count(m.user_id)::int as members from directory_groups g left join directory_memberships m on m.group_id = g.id
      where g.integration_id = ${integration.id} group by g.name`);
    for (const g of info.groups) {
      const userMembers = users.filter((u) => g.members.some((m) => m.toLowerCase() === u.dn.toLowerCase())).length;
      expect(groups.find((x) => x.name === g.name)?.members, g.name).toBe(userMembers);
    }

    // Disabling an account in AD makes it "gone": the address type changes (through the gate).
    const target = info.users.find((u) => u.mail)!;
    const uac = Number(asArray((await admin((c) => c.search(target.dn, { scope: 'base', attributes: ['userAccountControl'] }))).searchEntries[0]!.userAccountControl)[0]);
    const setUac = (value: number) => admin((c) => c.modify(target.dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'userAccountControl', values: [String(value)] }) })));
    await setUac(uac | 2);
    try {
      const second = await syncNow(as('operator'), 'corp-ad');
      // A delta by uSNChanged: the DC's invocationId and highestCommittedUSN were the watermark.
      expect(second).toMatchObject({ mode: 'delta', deltaMethod: 'usn', fallbackReason: null });
      expect(second.destructive!.byKind.applied.change_address_type).toBe(1);
      const [after] = await rows<{ address_type: string }>(db.database.db, sql`select address_type from directory_users where integration_id = ${integration.id} and lower(dn) = lower(${target.dn})`);
      expect(after!.address_type).toBe('message_in_transit');
    } finally {
      await setUac(uac);
    }
    const third = await syncNow(as('operator'), 'corp-ad');
    expect(third).toMatchObject({ mode: 'delta', deltaMethod: 'usn' });
    expect(third.counts!.users.restored).toBe(1);

    // A user added, then deleted (a tombstone in Deleted Objects, found with the show-deleted
    // control): each delta sees it; a full read afterwards has nothing left to write.
    const dn = `CN=Delta Probe ${Date.now()},CN=Users,${info.baseDn}`;
    await admin((c) => c.add(dn, { objectClass: ['top', 'person', 'organizationalPerson', 'user'], sAMAccountName: `dp${Date.now() % 1e8}`, mail: `delta.probe@${info.realm.toLowerCase()}`, userAccountControl: '512' }));
    let removed = false;
    try {
      const added = await syncNow(as('operator'), 'corp-ad');
      expect(added).toMatchObject({ mode: 'delta', deltaMethod: 'usn' });
      expect(added.counts!.users.added).toBe(1);
      await admin((c) => c.del(dn));
      removed = true;
      const gone = await syncNow(as('operator'), 'corp-ad');
      expect(gone).toMatchObject({ mode: 'delta', deltaMethod: 'usn' });
      expect(gone.destructive!.byKind.applied.change_address_type).toBe(1);
    } finally {
      if (!removed) await admin((c) => c.del(dn)).catch(() => {});
    }
    const full = await syncNow(as('operator'), 'corp-ad', { mode: 'full' });
    expect(full.mode).toBe('full');
    for (const k of ['users', 'groups', 'memberships'] as const) expect(full.counts![k], k).toMatchObject({ added: 0, updated: 0, restored: 0 });
    expect(full.destructive!.applied).toBe(0);
  });
});
