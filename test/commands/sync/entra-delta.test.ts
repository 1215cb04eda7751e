import { afterEach, describe, expect, it } from 'vitest';
import { USER_SELECT } from '../../../src/adapters/graph/graph-probe.ts';
import { backends } from '../../support/databases.ts';
import { entraDeltaLab } from '../../support/entra-lab.ts';
import { useDatabase } from '../../support/suite.ts';
import { syncNow } from '../../support/sync.ts';

const user = (id: string, name: string, extra: Record<string, unknown> = {}) => ({ id, displayName: name, mail: `${id}@corp.example`, proxyAddresses: [`SMTP:${id}@corp.example`], userPrincipalName: `${id}@corp.example`, accountEnabled: true, ...extra });

describe.each(backends.filter((b) => b.name === 'postgres'))('Entra ID deltas through Graph delta links ($name)', (backend) => {
  const db = useDatabase(backend);
  const closing: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(closing.splice(0).map((s) => s.close()));
  });
  const lab = async () => {
    const users = ['u1', 'u2', 'u3', 'u4'].map((id, i) => user(id, `User ${i + 1}`));
    const groups = [
      { id: 'g1', displayName: 'Staff', members: ['u1', 'u2', 'u3', 'u4'] },
      { id: 'g2', displayName: 'Admins', members: ['u1'] },
    ];
    const l = await entraDeltaLab(db.store, { users, groups, pageSize: 2 });
    closing.push(l.graph);
    return l;
  };

  it('the first full read leaves delta links; a delta reads changes, @removed users and groups as gone; a full read then writes nothing', async () => {
    const { as, graph } = await lab();
    graph.delta.membersPerItem = 1; // Staff's members come on several items of several pages
    const first = await syncNow(as('operator'), 'cloud');
    expect(first).toMatchObject({ status: 'succeeded', mode: 'full', fallbackReason: null, counts: { users: { added: 4 }, memberships: { added: 5 } } });
    const latest = graph.calls.filter((c) => c.query.$deltatoken === 'latest');
    expect(latest.map((c) => [c.path, c.query.$select])).toEqual([['/graph/v1.0/users/delta', USER_SELECT], ['/graph/v1.0/groups/delta', 'displayName,members']]);

    const s = graph.state;
    s.users[0]!.mail = 'one@corp.example'; // changed
    s.users.push(user('u5', 'User 5')); // added
    graph.delta.softDeleted.add('u2');
    s.users = s.users.filter((u) => u.id !== 'u2' && u.id !== 'u3'); // u2 to the recycle bin (reason changed), u3 gone for good
    s.groups[0]!.members = ['u1', 'u4', 'u5'];
    s.groups[1]!.displayName = 'Administrators';
    s.groups.push({ id: 'g3', displayName: 'New', members: ['u5', 'g1'] });
    const calls = graph.calls.length;
    const delta = await syncNow(as('operator'), 'cloud');
    expect(delta).toMatchObject({ status: 'succeeded', mode: 'delta', deltaMethod: 'graph', fallbackReason: null });
    expect(delta.counts).toMatchObject({ users: { added: 1, updated: 1 }, groups: { added: 1, updated: 1 } });
    expect(delta.destructive).toMatchObject({ applied: expect.any(Number) });
    const read = graph.calls.slice(calls);
    expect(read.some((c) => c.path === '/graph/v1.0/users')).toBe(false); // no full read
    const removed = read.filter((c) => c.path === '/graph/v1.0/users/delta' && c.query.$deltatoken !== 'latest');
    expect(removed.length).toBeGreaterThan(0);

    graph.state.groups = graph.state.groups.filter((g) => g.id !== 'g2'); // a group deleted
    const again = await syncNow(as('operator'), 'cloud');
    expect(again).toMatchObject({ status: 'succeeded', mode: 'delta' });

    const check = await syncNow(as('operator'), 'cloud', { mode: 'full' });
    const written = (['users', 'groups', 'memberships'] as const).filter((k) => check.counts![k].added + check.counts![k].updated + check.counts![k].restored > 0);
    expect(written).toEqual([]);
    expect(check.destructive).toMatchObject({ applied: 0 });
    expect(check.counts).toMatchObject({ users: { unchanged: 3 }, groups: { unchanged: 2 }, memberships: { unchanged: 4 } }); // Staff: u1, u4, u5; New: u5 (its nested group is no user)
  });

  it.each(['syncStateNotFound', 'resyncRequired'] as const)('a delta link Graph answers 410 %s for falls back to a full read with the reason; the next run is a delta again', async (code) => {
    const { as, graph } = await lab();
    await syncNow(as('operator'), 'cloud');
    graph.delta.expireTokens(code);
    graph.state.users[1]!.displayName = 'Renamed';
    const run = await syncNow(as('operator'), 'cloud');
    expect(run).toMatchObject({ status: 'succeeded', mode: 'full', deltaMethod: null, counts: { users: { updated: 1 } } });
    expect(run.fallbackReason).toMatch(new RegExp(`users delta link.*HTTP 410 ${code}.*full read`));
    const next = await syncNow(as('operator'), 'cloud');
    expect(next).toMatchObject({ status: 'succeeded', mode: 'delta', fallbackReason: null, counts: { users: { updated: 0 } } });
  });

  it('asked for a delta without delta links (first run), reads in full and says why', async () => {
    const { as } = await lab();
    const run = await syncNow(as('operator'), 'cloud', { mode: 'delta' });
    expect(run).toMatchObject({ status: 'succeeded', mode: 'full' });
    expect(run.fallbackReason).toMatch(/no watermark yet/);
  });
});
