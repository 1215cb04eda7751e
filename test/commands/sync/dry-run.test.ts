import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { updateAccount } from '../../../src/commands/account/update.ts';
import { disableIntegration } from '../../../src/commands/integration/disable.ts';
import { requestSync } from '../../../src/commands/sync/request.ts';
import { rows } from '../../../src/adapters/db/sql.ts';
import { describeSlapd } from '../../harness/directories.ts';
import { backends } from '../../support/databases.ts';
import { useDatabase } from '../../support/suite.ts';
import { addLab, syncNow, useLab } from '../../support/sync.ts';

/** Every table a sync may write besides its own run record. */
const TOUCHED = ['directory_users', 'directory_addresses', 'directory_groups', 'directory_memberships', 'pending_changes', 'approval_requests', 'notifications', 'alerts', 'integrations'];

describe.each(backends)('dry runs ($name)', (backend) => {
  const db = useDatabase(backend);
  const lab = useLab(() => db.store);
  const table = (query: ReturnType<typeof sql>) => rows<Record<string, unknown>>(db.database.db, query);
  /** Every row of every table a sync may write, so a dry run can be shown to write none. */
  const everything = async () => Object.fromEntries(await Promise.all(TOUCHED.map(async (t) => [t, await table(sql`select * from ${sql.raw(t)} order by 1, 2`)] as const)));
  const preview = async (runId: number) => (await db.store.runs.preview(runId, { offset: 0, limit: 1000 }));

  describeSlapd('against its own slapd', () => {
    it('a first dry run lists every user it would add by name and DN and writes no directory row', async () => {
      const { info, as } = await lab();
      const before = await everything();
      const dry = await syncNow(as('operator'), 'lab', { dryRun: true });
      expect(dry).toMatchObject({ status: 'succeeded', dryRun: true, failure: null, approvalRequestId: null });
      expect(dry.counts!.users.added).toBe(info.users.length);
      expect(await everything()).toEqual(before);
      const found = await preview(dry.id);
      expect(found.totals).toEqual({ added: info.users.length, updated: 0, restored: 0, applied: 0, held: 0, awaiting_approval: 0 });
      const alice = info.users.find((u) => u.name === 'alice.archer')!;
      expect(found.items).toContainEqual({ section: 'added', kind: null, name: alice.displayName, dn: alice.dn, group: null });

      // The real sync finds all of it still to do: the dry run kept nothing.
      const real = await syncNow(as('operator'), 'lab');
      expect(real.counts).toEqual(dry.counts);
      expect((await preview(real.id)).totals.added).toBe(0);
    });

    it('names the updates, and the destructive changes held and by whom, and changes none of them', async () => {
      const { info, as, admin } = await lab();
      await updateAccount({ ctx: as('admin'), input: { deletionThresholdPercent: 100 } });
      await addLab(as('admin'), info, 'old-ldap', { urls: ['ldap://127.0.0.1:1'] });
      await syncNow(as('operator'), 'lab');
      const [alice, eve] = ['alice.archer', 'eve.evans'].map((n) => info.users.find((u) => u.name === n)!);
      await admin.replace(alice!.dn, 'displayName', ['Alice A. Archer']);
      await admin.del(eve!.dn);
      await disableIntegration({ ctx: as('operator'), input: { name: 'old-ldap' } });
      const before = await everything();
      const dry = await syncNow(as('operator'), 'lab', { dryRun: true });
      expect(dry).toMatchObject({ status: 'succeeded', dryRun: true, blockedBy: ['old-ldap'] });
      expect(dry.destructive).toMatchObject({ applied: 0, awaitingApproval: 0 });
      expect(await everything()).toEqual(before);
      const found = await preview(dry.id);
      expect(found.items.filter((i) => i.section === 'updated')).toEqual([{ section: 'updated', kind: null, name: 'Alice A. Archer', dn: alice!.dn, group: null }]);
      const held = found.items.filter((i) => i.section === 'held');
      expect(held).toContainEqual({ section: 'held', kind: 'change_address_type', name: eve!.displayName, dn: eve!.dn, group: null });
      expect(held.some((i) => i.kind === 'remove_membership' && i.dn === eve!.dn && i.group !== null)).toBe(true);
      expect(found.totals.held).toBe(dry.destructive!.held);
    });

    it('names what would wait for approval, and raises no approval request and no notification', async () => {
      const { info, as, admin } = await lab();
      await updateAccount({ ctx: as('admin'), input: { deletionThresholdCount: 2, deletionThresholdPercent: 100 } });
      await syncNow(as('operator'), 'lab');
      const engineering = info.groups.find((g) => g.name === 'engineering')!;
      await admin.replace(engineering.dn, 'member', [engineering.members[0]!]);
      const before = await everything();
      const dry = await syncNow(as('operator'), 'lab', { dryRun: true });
      expect(dry).toMatchObject({ status: 'succeeded', dryRun: true, approvalRequestId: null });
      expect(dry.destructive).toMatchObject({ applied: 0, awaitingApproval: 3, held: 0 });
      expect(await everything()).toEqual(before);
      const found = await preview(dry.id);
      expect(found.totals.awaiting_approval).toBe(3);
      const leaving = found.items.filter((i) => i.section === 'awaiting_approval');
      expect(leaving.map((i) => [i.kind, i.group])).toEqual(Array(3).fill(['remove_membership', 'engineering']));
      expect(leaving.map((i) => i.dn).sort()).toEqual(engineering.members.slice(1).filter((m) => m.startsWith('uid=')).sort());
    });

    it('a dry run that fails leaves the integration enabled and opens no alert', async () => {
      const { info, as } = await lab();
      await addLab(as('admin'), info, 'nowhere', { urls: ['ldap://127.0.0.1:1'] });
      const before = await everything();
      const dry = await syncNow(as('operator'), 'nowhere', { dryRun: true });
      expect(dry).toMatchObject({ status: 'failed', dryRun: true });
      expect(await everything()).toEqual(before);
    });

    it('a dry run and a real sync of one integration never join each other', async () => {
    const { as } = await lab();
    const real = await requestSync({ ctx: as('operator'), input: { name: 'lab' } });
    const dry = await requestSync({ ctx: as('operator'), input: { name: 'lab', dryRun: true } });
    const again = await requestSync({ ctx: as('operator'), input: { name: 'lab', dryRun: 'dry-run' } });
    expect(dry.runs[0]).toMatchObject({ joined: false, dryRun: true });
    expect(dry.runs[0]!.run).not.toBe(real.runs[0]!.run);
    expect(again.runs[0]).toMatchObject({ run: dry.runs[0]!.run, joined: true, dryRun: true });
  });

  it('refuses a viewer, an unknown integration and a disabled one', async () => {
    const { as } = await lab();
    await expect(requestSync({ ctx: as('viewer'), input: { name: 'lab', dryRun: true } })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(requestSync({ ctx: as('operator'), input: { name: 'nope', dryRun: true } })).rejects.toMatchObject({ code: 'not_found' });
    await disableIntegration({ ctx: as('operator'), input: { name: 'lab' } });
    await expect(requestSync({ ctx: as('operator'), input: { name: 'lab', dryRun: true } })).rejects.toMatchObject({ code: 'failed_precondition' });
  });
  });
});
