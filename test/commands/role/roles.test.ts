import { describe, expect, it } from 'vitest';
import { grantRole } from '../../../src/commands/role/grant.ts';
import { listRoles } from '../../../src/commands/role/list.ts';
import { resolveActor } from '../../../src/commands/internal/resolve-actor.ts';
import { revokeRole } from '../../../src/commands/role/revoke.ts';
import { seedAdmins } from '../../../src/commands/role/seed-admins.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { failure } from '../../support/failure.ts';
import { useDatabase } from '../../support/suite.ts';

describe.each(backends)('roles ($name)', (backend) => {
  const db = useDatabase(backend);

  it('grants, lists and revokes roles; a person without one is a viewer', async () => {
    const { as, account } = await testAccount(db.store);
    expect(await resolveActor(db.store, account.id, { platform: 'slack', id: 'U1' })).toEqual({ platform: 'slack', id: 'U1', role: 'viewer' });
    expect(await grantRole({ ctx: as('admin'), input: { identity: 'slack:U1', role: 'operator' } })).toEqual({ identity: 'slack:U1', role: 'operator', previous: null });
    expect(await grantRole({ ctx: as('admin'), input: { identity: 'slack:U1', role: 'admin' } })).toMatchObject({ previous: 'operator' });
    await grantRole({ ctx: as('admin'), input: { identity: 'web:alice', role: 'admin' } });
    expect((await resolveActor(db.store, account.id, { platform: 'slack', id: 'U1' })).role).toBe('admin');
    const listed = await listRoles({ ctx: as('viewer'), input: {} });
    expect(listed.bindings.map((b) => [b.identity, b.role, b.grantedBy])).toEqual([['slack:U1', 'admin', 'cli:admin-user'], ['web:alice', 'admin', 'cli:admin-user']]);
    expect(await revokeRole({ ctx: as('admin'), input: { identity: 'slack:U1' } })).toEqual({ identity: 'slack:U1', previous: 'admin' });
    expect((await resolveActor(db.store, account.id, { platform: 'slack', id: 'U1' })).role).toBe('viewer');
    const audit = await db.store.audit.list({ accountId: account.id, limit: 10 });
    expect(audit.map((a) => [a.action, a.target])).toEqual([['role.revoke', 'slack:U1'], ['role.grant', 'web:alice'], ['role.grant', 'slack:U1'], ['role.grant', 'slack:U1']]);
  });

  it('refuses identities it cannot read, unknown roles, and revoking someone without a role', async () => {
    const { as } = await testAccount(db.store);
    expect(await failure(grantRole({ ctx: as('admin'), input: { identity: 'bob', role: 'admin' } }))).toMatchObject({ code: 'validation', message: expect.stringContaining('slack:<user id>') });
    expect(await failure(grantRole({ ctx: as('admin'), input: { identity: 'slack:U1', role: 'root' as never } }))).toMatchObject({ code: 'validation', message: expect.stringContaining('viewer, operator, admin') });
    expect(await failure(revokeRole({ ctx: as('admin'), input: { identity: 'slack:U9' } }))).toMatchObject({ code: 'not_found', message: expect.stringContaining('viewer') });
  });

  it('never leaves the account without an admin', async () => {
    const { as } = await testAccount(db.store);
    await grantRole({ ctx: as('admin'), input: { identity: 'slack:U1', role: 'admin' } });
    expect(await failure(revokeRole({ ctx: as('admin'), input: { identity: 'slack:U1' } }))).toMatchObject({ code: 'failed_precondition', message: expect.stringContaining('last admin') });
    expect(await failure(grantRole({ ctx: as('admin'), input: { identity: 'slack:U1', role: 'viewer' } }))).toMatchObject({ code: 'failed_precondition' });
    expect((await listRoles({ ctx: as('admin'), input: {} })).bindings).toMatchObject([{ identity: 'slack:U1', role: 'admin' }]); // rolled back
    await grantRole({ ctx: as('admin'), input: { identity: 'slack:U2', role: 'admin' } });
    await revokeRole({ ctx: as('admin'), input: { identity: 'slack:U1' } });
  });

  it('lets only admins change roles', async () => {
    const { as, account } = await testAccount(db.store);
    expect(await failure(grantRole({ ctx: as('operator', 'U5', 'slack'), input: { identity: 'slack:U5', role: 'admin' } }))).toMatchObject({ code: 'forbidden' });
    expect(await db.store.roles.roleOf(account.id, 'slack:U5')).toBeNull();
    const audit = await db.store.audit.list({ accountId: account.id, limit: 1 });
    expect(audit[0]).toMatchObject({ action: 'role.grant', outcome: 'forbidden', actor: 'slack:U5' });
  });

  it('seeds DIRSYNC_ADMINS once, audited as coming from the configuration', async () => {
    const { account, deps } = await testAccount(db.store);
    expect(await seedAdmins(deps, account.id, ['slack:U1', 'web:alice'])).toEqual(['slack:U1', 'web:alice']);
    expect(await seedAdmins(deps, account.id, ['slack:U1', 'web:alice'])).toEqual([]);
    const audit = await db.store.audit.list({ accountId: account.id, limit: 5 });
    expect(audit.map((a) => [a.actor, a.action, a.target])).toEqual([['config:DIRSYNC_ADMINS', 'role.grant', 'web:alice'], ['config:DIRSYNC_ADMINS', 'role.grant', 'slack:U1']]);
  });
});
