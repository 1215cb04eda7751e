import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { addIntegration } from '../../../src/commands/integration/add.ts';
import { approveRequest, rejectRequest } from '../../../src/commands/approval/decide.ts';
import { disableIntegration } from '../../../src/commands/integration/disable.ts';
import { listIntegrations } from '../../../src/commands/integration/list.ts';
import { listPending } from '../../../src/commands/change/list-pending.ts';
import { requestDelete } from '../../../src/commands/integration/request-delete.ts';
import { updateAccount } from '../../../src/commands/account/update.ts';
import { rows } from '../../../src/adapters/db/sql.ts';
import { describeSlapd } from '../../harness/directories.ts';
import type { SlapdInstance } from '../../harness/slapd.ts';
import type { CommandContext } from '../../../src/commands/context.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { failure } from '../../support/failure.ts';
import { adInput } from '../../support/fixtures.ts';
import { useDatabase } from '../../support/suite.ts';
import { addLab, ownSlapd, syncNow } from '../../support/sync.ts';

describe.each(backends)('approvals ($name)', (backend) => {
  const db = useDatabase(backend);
  const servers: SlapdInstance[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  describeSlapd('deleting an integration', () => {
    it('delete → the requester cannot approve → a second admin approves → gone, its objects leave through the gate', async () => {
      const dir = await ownSlapd();
      servers.push(dir.slapd);
      const { as, account } = await testAccount(db.store);
      await updateAccount({ ctx: as('admin'), input: { deletionThresholdPercent: 100 } });
      await addLab(as('admin'), dir.info);
      await syncNow(as('operator'), 'lab');
      const integration = (await db.store.integrations.findByName(account.id, 'lab'))!;

      const asked = await requestDelete({ ctx: as('operator', 'olga'), input: { name: 'lab' } });
      expect(asked).toMatchObject({ created: true, request: { kind: 'delete_integration', status: 'pending', requestedBy: 'cli:olga', impact: { users: dir.info.users.length, groups: dir.info.groups.length } } });
      const again = await requestDelete({ ctx: as('operator', 'oscar'), input: { name: 'lab' } });
      expect(again).toMatchObject({ created: false, request: { id: asked.request.id } });
      expect((await listPending({ ctx: as('viewer'), input: {} })).approvals).toEqual([expect.objectContaining({ id: asked.request.id, integration: 'lab' })]);

      expect((await failure(approveRequest({ ctx: as('admin', 'olga'), input: { id: asked.request.id } }))).message).toMatch(/four-eyes/);
      expect((await listIntegrations({ ctx: as('viewer'), input: {} })).map((i) => i.name)).toEqual(['lab']);

      const decision = await approveRequest({ ctx: as('admin', 'ada'), input: { id: asked.request.id } });
      expect(decision).toMatchObject({ integration: 'lab', blockedBy: [], request: { status: 'approved', decidedBy: 'cli:ada' } });
      expect(decision.applied.change_address_type).toBe(dir.info.users.length);
      expect(await listIntegrations({ ctx: as('viewer'), input: {} })).toEqual([]);
      const types = await rows<{ address_type: string }>(db.database.db, sql`select distinct address_type from directory_users where integration_id = ${integration.id}`);
      expect(types).toEqual([{ address_type: 'message_in_transit' }]);
      expect(await rows(db.database.db, sql`select 1 from directory_memberships m join directory_groups g on g.id = m.group_id where g.integration_id = ${integration.id}`)).toEqual([]);
      // The name is free again.
      await addLab(as('admin'), dir.info);
      const audit = await db.store.audit.list({ accountId: account.id, limit: 10, action: 'approval.approve' });
      expect(audit[0]).toMatchObject({ actor: 'cli:ada', target: 'lab', outcome: 'ok' });
    });

    it('while another integration is disabled, an approved delete holds its objects until it recovers', async () => {
      const dir = await ownSlapd();
      servers.push(dir.slapd);
      const { as } = await testAccount(db.store);
      await addLab(as('admin'), dir.info);
      await syncNow(as('operator'), 'lab');
      await addIntegration({ ctx: as('admin'), input: adInput({ name: 'other' }) });
      await disableIntegration({ ctx: as('operator'), input: { name: 'other' } });
      const { request } = await requestDelete({ ctx: as('operator', 'olga'), input: { name: 'lab' } });
      const decision = await approveRequest({ ctx: as('admin', 'ada'), input: { id: request.id } });
      expect(decision).toMatchObject({ blockedBy: ['other'], applied: { change_address_type: 0 } });
      const held = await listPending({ ctx: as('viewer'), input: {} });
      expect(held.changes).toEqual([expect.objectContaining({ integration: '(deleted integration)', status: 'held', blockedBy: [expect.objectContaining({ name: 'other' })] })]);
    });

    it('an approved delete held by an errored integration is applied by that integration’s next good run', async () => {
      const dir = await ownSlapd();
      servers.push(dir.slapd);
      const { as, account } = await testAccount(db.store);
      await addLab(as('admin'), dir.info);
      await syncNow(as('operator'), 'lab');
      const lab = (await db.store.integrations.findByName(account.id, 'lab'))!;
      // Unreachable at first: its run fails and it goes into error.
      await addLab(as('admin'), dir.info, 'flaky', { urls: ['ldap://127.0.0.1:1'] });
      expect(await syncNow(as('operator'), 'flaky')).toMatchObject({ status: 'failed', failure: { class: 'connection' } });
      const { request } = await requestDelete({ ctx: as('operator', 'olga'), input: { name: 'lab' } });
      expect(await approveRequest({ ctx: as('admin', 'ada'), input: { id: request.id } })).toMatchObject({ blockedBy: ['flaky'] });

      const flaky = (await db.store.integrations.findByName(account.id, 'flaky'))!;
      await db.store.integrations.update(flaky.id, { urls: [dir.info.url] }, new Date());
      expect(await syncNow(as('operator'), 'flaky')).toMatchObject({ status: 'succeeded', blockedBy: [] });
      // Its good run proved it healthy: it blocks neither its own changes nor, after them, the account's.
      expect((await db.store.integrations.findById(flaky.id))!.state).toBe('enabled');
      expect((await listPending({ ctx: as('viewer'), input: {} })).changes).toEqual([]);
      const types = await rows<{ address_type: string }>(db.database.db, sql`select distinct address_type from directory_users where integration_id = ${lab.id}`);
      expect(types).toEqual([{ address_type: 'message_in_transit' }]);
    });
  });

  it('reject, withdraw, expiry; late decisions change nothing', async () => {
    const { as } = await testAccount(db.store);
    await addIntegration({ ctx: as('admin'), input: adInput({ name: 'a' }) });
    await addIntegration({ ctx: as('admin'), input: adInput({ name: 'b' }) });
    await addIntegration({ ctx: as('admin'), input: adInput({ name: 'c' }) });

    const a = (await requestDelete({ ctx: as('operator', 'olga'), input: { name: 'a' } })).request;
    expect((await failure(rejectRequest({ ctx: as('operator', 'oscar'), input: { id: a.id } }))).code).toBe('forbidden');
    const rejected = await rejectRequest({ ctx: as('admin', 'ada'), input: { id: a.id, note: 'still in use' } });
    expect(rejected.request).toMatchObject({ status: 'rejected', decidedBy: 'cli:ada', note: 'still in use' });
    expect((await failure(approveRequest({ ctx: as('admin', 'ada'), input: { id: a.id } }))).message).toMatch(/already rejected by cli:ada/);

    const b = (await requestDelete({ ctx: as('operator', 'olga'), input: { name: 'b' } })).request;
    expect((await rejectRequest({ ctx: as('operator', 'olga'), input: { id: b.id } })).request.status).toBe('cancelled');

    const c = (await requestDelete({ ctx: as('operator', 'olga'), input: { name: 'c' } })).request;
    const tomorrow = { ...as('admin', 'ada'), now: () => new Date(Date.now() + 25 * 3600_000) };
    const expired = await failure(approveRequest({ ctx: tomorrow, input: { id: c.id } }));
    expect(expired).toMatchObject({ code: 'failed_precondition', message: expect.stringContaining('already expired') });
    expect((await listIntegrations({ ctx: as('viewer'), input: {} })).map((i) => i.name)).toEqual(['a', 'b', 'c']);
  });

  it('queues a card for each change of a request, and none for a request or decision that rolled back', async () => {
    const { as, account } = await testAccount(db.store);
    await addIntegration({ ctx: as('admin'), input: adInput({ name: 'a' }) });
    await addIntegration({ ctx: as('admin'), input: adInput({ name: 'b' }) });
    const cards = () => rows<{ subject_id: number; event: string }>(db.database.db, sql`select subject_id::int, event from notifications where account_id = ${account.id} and subject = 'approval' order by id`);
    // The audit row is the last write of each command: failing it rolls back all the rest.
    const failingAudit = (ctx: CommandContext): CommandContext => ({
      ...ctx,
      store: { ...ctx.store, transaction: (fn) => ctx.store.transaction((tx) => fn({ ...tx, audit: { ...tx.audit, record: () => Promise.reject(new Error('disk full')) } })) },
    });

    const { request } = await requestDelete({ ctx: as('operator', 'olga'), input: { name: 'a' } });
    expect(await failure(requestDelete({ ctx: failingAudit(as('operator', 'olga')), input: { name: 'b' } }))).toMatchObject({ code: 'internal' });
    expect(await failure(approveRequest({ ctx: failingAudit(as('admin', 'ada')), input: { id: request.id } }))).toMatchObject({ code: 'internal' });
    expect(await cards()).toEqual([{ subject_id: request.id, event: 'created' }]);
    expect((await db.store.approvals.get(account.id, request.id))!.status).toBe('pending');
    expect((await db.store.approvals.list(account.id, { limit: 10 })).map((r) => r.id)).toEqual([request.id]);

    await approveRequest({ ctx: as('admin', 'ada'), input: { id: request.id } });
    expect(await cards()).toEqual([{ subject_id: request.id, event: 'created' }, { subject_id: request.id, event: 'decided' }]);
  });

  it('validates ids and roles', async () => {
    const { as } = await testAccount(db.store);
    await addIntegration({ ctx: as('admin'), input: adInput() });
    expect((await failure(approveRequest({ ctx: as('admin'), input: { id: 'abc' } }))).code).toBe('validation');
    expect((await failure(approveRequest({ ctx: as('admin'), input: { id: 999999 } }))).code).toBe('not_found');
    expect((await failure(requestDelete({ ctx: as('viewer'), input: { name: 'corp-ad' } }))).code).toBe('forbidden');
    const { request } = await requestDelete({ ctx: as('operator', 'olga'), input: { name: 'corp-ad' } });
    expect((await failure(approveRequest({ ctx: as('viewer', 'vic'), input: { id: request.id } }))).code).toBe('forbidden');
    expect((await failure(requestDelete({ ctx: as('operator'), input: { name: 'nope' } }))).code).toBe('not_found');
  });
});
