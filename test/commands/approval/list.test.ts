import { describe, expect, it } from 'vitest';
import { addIntegration } from '../../../src/commands/integration/add.ts';
import { approveRequest, rejectRequest } from '../../../src/commands/approval/decide.ts';
import { listApprovals } from '../../../src/commands/approval/list.ts';
import { requestDelete } from '../../../src/commands/integration/request-delete.ts';
import { emptyByKind } from '../../../src/core/sync.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { failure } from '../../support/failure.ts';
import { adInput } from '../../support/fixtures.ts';
import { useDatabase } from '../../support/suite.ts';

const HOUR = 3_600_000;

describe.each(backends)('listApprovals ($name)', (backend) => {
  const db = useDatabase(backend);

  it('lists pending and decided requests, newest first, a deleted integration under the name it had', async () => {
    const { as } = await testAccount(db.store);
    for (const name of ['a', 'b', 'c', 'd']) await addIntegration({ ctx: as('admin'), input: adInput({ name }) });
    const a = (await requestDelete({ ctx: as('operator', 'olga'), input: { name: 'a' } })).request;
    const b = (await requestDelete({ ctx: as('operator', 'olga'), input: { name: 'b' } })).request;
    const c = (await requestDelete({ ctx: as('operator', 'olga'), input: { name: 'c' } })).request;
    await approveRequest({ ctx: as('admin', 'ada'), input: { id: a.id } });
    await rejectRequest({ ctx: as('admin', 'ada'), input: { id: b.id, note: 'still in use' } });
    // The name of a deleted integration is free again: the new "a" is another integration.
    await addIntegration({ ctx: as('admin'), input: adInput({ name: 'a' }) });

    const list = await listApprovals({ ctx: as('viewer'), input: {} });
    expect(list.pending).toEqual([
      {
        id: c.id,
        integration: 'c',
        integrationDeleted: false,
        kind: 'delete_integration',
        status: 'pending',
        impact: { users: 0, groups: 0, memberships: 0, byKind: emptyByKind() },
        requestedBy: 'cli:olga',
        requestedAt: c.requestedAt.toISOString(),
        expiresAt: c.expiresAt.toISOString(),
        decidedBy: null,
        decidedAt: null,
        note: null,
        run: null,
      },
    ]);
    expect(list.decided.map((r) => [r.id, r.integration, r.integrationDeleted, r.status, r.decidedBy, r.note])).toEqual([
      [b.id, 'b', false, 'rejected', 'cli:ada', 'still in use'],
      [a.id, 'a', true, 'approved', 'cli:ada', null],
    ]);
    expect(list.decided[0]!.decidedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(list.nextBeforeId).toBeNull();
  });

  it('lists a request past its expiry as expired, and pages through the decided ones', async () => {
    const { as } = await testAccount(db.store);
    const ids: number[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      await addIntegration({ ctx: as('admin'), input: adInput({ name }) });
      ids.push((await requestDelete({ ctx: as('operator', 'olga'), input: { name } })).request.id);
    }
    const later = { ...as('viewer'), now: () => new Date(Date.now() + 25 * HOUR) };
    const first = await listApprovals({ ctx: later, input: { limit: 2 } });
    expect(first.pending).toEqual([]);
    expect(first.decided.map((r) => [r.id, r.status])).toEqual([[ids[4], 'expired'], [ids[3], 'expired']]);
    expect(first.nextBeforeId).toBe(ids[3]);
    const second = await listApprovals({ ctx: later, input: { status: 'decided', limit: 2, beforeId: first.nextBeforeId! } });
    expect(second).toMatchObject({ pending: [], nextBeforeId: ids[1] });
    expect(second.decided.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    const last = await listApprovals({ ctx: later, input: { status: 'decided', limit: 2, beforeId: second.nextBeforeId! } });
    expect(last.decided.map((r) => r.id)).toEqual([ids[0]]);
    expect(last.nextBeforeId).toBeNull();
  });

  it('pages the pending list when asked for it alone', async () => {
    const { as } = await testAccount(db.store);
    const ids: number[] = [];
    for (const name of ['a', 'b', 'c']) {
      await addIntegration({ ctx: as('admin'), input: adInput({ name }) });
      ids.push((await requestDelete({ ctx: as('operator', 'olga'), input: { name } })).request.id);
    }
    const page = await listApprovals({ ctx: as('viewer'), input: { status: 'pending', limit: 2 } });
    expect(page.pending.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect(page).toMatchObject({ decided: [], nextBeforeId: ids[1] });
    const rest = await listApprovals({ ctx: as('viewer'), input: { status: 'pending', limit: 2, beforeId: ids[1] } });
    expect(rest.pending.map((r) => r.id)).toEqual([ids[0]]);
  });

  it('rejects a bad status, limit or cursor as validation errors', async () => {
    const { as } = await testAccount(db.store);
    for (const input of [{ status: 'open' }, { limit: 0 }, { limit: 201 }, { beforeId: -1 }, { limit: 2.5 }]) {
      const error = await failure(listApprovals({ ctx: as('viewer'), input: input as never }));
      expect(error.code).toBe('validation');
      expect(error.issues[0]!.field).toBe(Object.keys(input)[0]);
    }
  });

  it('is open to viewers and shows nothing of another account', async () => {
    const a = await testAccount(db.store);
    const b = await testAccount(db.store);
    await addIntegration({ ctx: a.as('admin'), input: adInput() });
    await requestDelete({ ctx: a.as('operator'), input: { name: 'corp-ad' } });
    expect((await listApprovals({ ctx: a.as('viewer'), input: {} })).pending).toHaveLength(1);
    expect(await listApprovals({ ctx: b.as('viewer'), input: {} })).toEqual({ pending: [], decided: [], nextBeforeId: null });
  });
});
