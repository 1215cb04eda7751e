import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { approveRequest } from '../../../src/commands/approval/decide.ts';
import { showApproval } from '../../../src/commands/approval/show.ts';
import { loadSubject } from '../../../src/commands/internal/notification-subject.ts';
import { disableIntegration } from '../../../src/commands/integration/disable.ts';
import { enableIntegration } from '../../../src/commands/integration/enable.ts';
import { listPending } from '../../../src/commands/change/list-pending.ts';
import { COMMAND_TEXTS } from '../../../src/faces/cli/command-texts.ts';
import { requestSync } from '../../../src/commands/sync/request.ts';
import { updateAccount } from '../../../src/commands/account/update.ts';
import { rows } from '../../../src/adapters/db/sql.ts';
import { describeSlapd } from '../../harness/directories.ts';
import { backends } from '../../support/databases.ts';
import { failure } from '../../support/failure.ts';
import { useDatabase } from '../../support/suite.ts';
import { addLab, extraPeople, syncNow, useLab } from '../../support/sync.ts';

describe.each(backends)('the gate and bad reads ($name)', (backend) => {
  const db = useDatabase(backend);
  const lab = useLab(() => db.store);
  const setup = async (extra = '') => {
    const t = await lab(extra);
    const { integration } = t;
    const users = () => rows<{ dn: string; address_type: string }>(db.database.db, sql`select dn, address_type from directory_users where integration_id = ${integration.id}`);
    const memberships = async () => Number((await rows<{ n: number }>(db.database.db, sql`select count(*)::int as n from directory_memberships m join directory_groups g on g.id = m.group_id where g.integration_id = ${integration.id}`))[0]!.n);
    const open = () => rows<{ kind: string; status: string }>(db.database.db, sql`select kind, status from pending_changes where integration_id = ${integration.id} and status in ('held', 'awaiting_approval')`);
    return { ...t, users, memberships, open };
  };
  const gone = (info: { users: { name: string; dn: string }[] }, ...names: string[]) => info.users.filter((u) => names.includes(u.name));

  describeSlapd('against its own slapd', () => {
    it('holds removals account-wide while another integration is disabled, and applies them after it is re-enabled', async () => {
      const { info, as, admin, users, memberships } = await setup();
      await updateAccount({ ctx: as('admin'), input: { deletionThresholdPercent: 100 } });
      await addLab(as('admin'), info, 'old-ldap', { urls: ['ldap://127.0.0.1:1'] });
      await syncNow(as('operator'), 'lab');
      const before = await memberships();
      for (const u of gone(info, 'eve.evans', 'frank.fischer')) await admin.del(u.dn);
      await disableIntegration({ ctx: as('operator'), input: { name: 'old-ldap', reason: 'moving to the new forest' } });
      const held = await syncNow(as('operator'), 'lab');
      expect(held).toMatchObject({ status: 'succeeded', blockedBy: ['old-ldap'] });
      expect(held.destructive).toMatchObject({ applied: 0, held: 4, awaitingApproval: 0, byKind: { held: { change_address_type: 2, remove_membership: 2 } } });
      expect((await users()).filter((u) => u.address_type !== 'directory')).toEqual([]);
      expect(await memberships()).toBe(before);
      const pending = await listPending({ ctx: as('viewer'), input: {} });
      expect(pending.changes).toEqual([expect.objectContaining({ integration: 'lab', status: 'held', total: 4, blockedBy: [expect.objectContaining({ name: 'old-ldap', state: 'disabled', reason: 'moving to the new forest' })] })]);
      // Named: who each held change touches, with display name and DN.
      const named = pending.changes[0]!.items.map((c) => `${c.kind} ${c.user?.dn}`).sort();
      const [eve, frank] = gone(info, 'eve.evans', 'frank.fischer').map((u) => u.dn);
      expect(named).toEqual([`change_address_type ${eve}`, `change_address_type ${frank}`, `remove_membership ${eve}`, `remove_membership ${frank}`].sort());
      expect(pending.changes[0]!.items.every((c) => c.user!.displayName && (c.kind === 'remove_membership') === (c.group !== null))).toBe(true);
      // Re-derived on the next good run: still needed, still held, nothing rewritten.
      expect((await syncNow(as('operator'), 'lab')).destructive!.held).toBe(4);

      await enableIntegration({ ctx: as('operator'), input: { name: 'old-ldap', reason: 'back' } });
      // Enabled again, not yet synced: say so (not "enabled for 0 hours"), with why it was disabled.
      const reEnabled = await listPending({ ctx: as('viewer'), input: {} });
      expect(reEnabled.changes[0]!.blockedBy).toEqual([expect.objectContaining({ name: 'old-ldap', state: 'enabled', reason: 'moving to the new forest' })]);
      const printed = COMMAND_TEXTS['change.list_pending']!(reEnabled as never, {});
      expect(printed).toContain('blocked by old-ldap (enabled again; it blocks until its next successful sync; disabled because: moving to the new forest)');
      expect(printed).not.toMatch(/enabled for/);
      const applied = await syncNow(as('operator'), 'lab');
      expect(applied.destructive).toMatchObject({ applied: 4, held: 0 });
      const mit = (await users()).filter((u) => u.address_type === 'message_in_transit').map((u) => u.dn).sort();
      expect(mit).toEqual(gone(info, 'eve.evans', 'frank.fischer').map((u) => u.dn).sort());
      expect(await memberships()).toBe(before - 2);
    });

    it('a batch above the threshold waits for approval by another admin; nothing is applied before', async () => {
      const { info, as, admin, memberships, open } = await setup();
      await updateAccount({ ctx: as('admin'), input: { deletionThresholdCount: 2, deletionThresholdPercent: 100 } });
      await syncNow(as('operator', 'op1'), 'lab');
      const engineering = info.groups.find((g) => g.name === 'engineering')!;
      await admin.replace(engineering.dn, 'member', [engineering.members[0]!]);
      const run = await syncNow(as('operator', 'op1'), 'lab');
      expect(run.destructive).toMatchObject({ applied: 0, awaitingApproval: 3, held: 0 });
      expect(run.approvalRequestId).toEqual(expect.any(Number));
      // The card and the dashboard name the members removed from engineering; a page at a time.
      const card = await loadSubject(db.store, as('admin').accountId, 'approval', run.approvalRequestId!);
      expect(card).toMatchObject({ approval: { changes: { total: 3 } } });
      const named = card!.subject === 'approval' ? card!.approval.changes!.items : [];
      expect(named.map((c) => [c.kind, c.group?.name])).toEqual(Array(3).fill(['remove_membership', 'engineering']));
      expect(named.map((c) => c.user!.dn).sort()).toEqual(engineering.members.slice(1).sort());
      const second = await showApproval({ ctx: as('viewer'), input: { id: run.approvalRequestId!, page: 2 } });
      expect(second).toMatchObject({ page: 2, pages: 1, changes: { total: 3, items: [] } });
      expect((await failure(showApproval({ ctx: as('viewer'), input: { id: 999_999 } }))).code).toBe('not_found');
      const before = await memberships();
      const own = await failure(approveRequest({ ctx: as('admin', 'op1'), input: { id: run.approvalRequestId! } }));
      expect(own).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/four-eyes/) });
      expect((await failure(approveRequest({ ctx: as('operator', 'op2'), input: { id: run.approvalRequestId! } }))).code).toBe('forbidden');
      expect(await memberships()).toBe(before);
      const decision = await approveRequest({ ctx: as('admin', 'admin2'), input: { id: `#${run.approvalRequestId}` } });
      expect(decision).toMatchObject({ request: { status: 'approved', decidedBy: 'cli:admin2' }, applied: { remove_membership: 3 }, blockedBy: [] });
      expect(await memberships()).toBe(before - 3);
      expect(await open()).toEqual([]);
      const settled = await loadSubject(db.store, as('admin').accountId, 'approval', run.approvalRequestId!);
      expect(settled!.subject === 'approval' && settled!.approval.changes).toBeUndefined();
      expect((await showApproval({ ctx: as('viewer'), input: { id: run.approvalRequestId! } })).changes.total).toBe(3);
      const again = await failure(approveRequest({ ctx: as('admin', 'admin3'), input: { id: run.approvalRequestId! } }));
      expect(again).toMatchObject({ code: 'failed_precondition', message: expect.stringContaining('already approved by cli:admin2') });
    });

    it('a sudden drop fails the run and changes nothing; an admin may accept it, and the removals then wait for approval', async () => {
      const { info, as, admin, users, open, integration } = await setup();
      await syncNow(as('operator'), 'lab');
      for (const u of gone(info, 'eve.evans', 'frank.fischer')) await admin.del(u.dn);
      const run = await syncNow(as('operator'), 'lab');
      expect(run).toMatchObject({ status: 'failed', failure: { class: 'directory_data', reason: 'sudden_drop', stage: 'read' } });
      expect(run.failure!.message).toMatch(/returned 14 users, 2 fewer than the 16 of the last good sync/);
      expect((await users()).every((u) => u.address_type === 'directory')).toBe(true);
      expect(await open()).toEqual([]);
      expect((await db.store.integrations.findById(integration.id))!).toMatchObject({ state: 'error', stateReason: expect.stringContaining('directory_data/sudden_drop') });

      expect((await failure(requestSync({ ctx: as('operator'), input: { name: 'lab', acceptDrop: true } }))).code).toBe('forbidden');
      const accepted = await syncNow(as('admin'), 'lab', { acceptDrop: true });
      expect(accepted).toMatchObject({ status: 'succeeded', approvalRequestId: expect.any(Number) });
      expect(accepted.destructive).toMatchObject({ applied: 0, awaitingApproval: 4 });
      expect((await db.store.integrations.findById(integration.id))!.state).toBe('enabled');
    });

    it('an empty base after a good run fails as empty_result', async () => {
      const { as, admin, integration } = await setup();
      await syncNow(as('operator'), 'lab');
      await admin.add('ou=Empty,dc=example,dc=org', { objectClass: 'organizationalUnit', ou: 'Empty' });
      await db.store.integrations.update(integration.id, { baseDns: ['ou=Empty,dc=example,dc=org'] }, new Date());
      const run = await syncNow(as('operator'), 'lab');
      expect(run).toMatchObject({ status: 'failed', failure: { class: 'directory_data', reason: 'empty_result' } });
    });

    it('a directory killed in the middle of the read derives no destructive change', async () => {
      const { as, users, open, slapd, memberships } = await setup(extraPeople(2500));
      await updateAccount({ ctx: as('admin'), input: { deletionThresholdPercent: 100 } });
      const first = await syncNow(as('operator'), 'lab');
      expect(first.failure).toBeNull();
      expect(first.counts!.users.added).toBe(2516);
      const before = await memberships();
      let killed = false;
      const run = await syncNow(as('operator'), 'lab', {
        progress: (e) => {
          if (e.type === 'sync.progress' && e.phase === 'users' && e.entriesRead >= 1000 && !killed) {
            killed = true;
            slapd.kill();
          }
        },
      });
      expect(killed).toBe(true);
      expect(run).toMatchObject({ status: 'failed', failure: { class: 'connection', stage: 'read' } });
      expect(await open()).toEqual([]);
      expect((await users()).filter((u) => u.address_type !== 'directory')).toEqual([]);
      expect(await memberships()).toBe(before);
      expect(await rows(db.database.db, sql`select tablename from pg_tables where tablename like ${`sync_stage_%_r${run.id}`}`)).toEqual([]);
    });
  });
});
