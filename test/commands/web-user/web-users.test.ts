import { describe, expect, it } from 'vitest';
import { addWebUser } from '../../../src/commands/web-user/add.ts';
import { grantRole } from '../../../src/commands/role/grant.ts';
import { listWebUsers } from '../../../src/commands/web-user/list.ts';
import { removeWebUser } from '../../../src/commands/web-user/remove.ts';
import { resolveSession } from '../../../src/commands/session/resolve.ts';
import { setWebPassword } from '../../../src/commands/web-user/set-password.ts';
import { signIn } from '../../../src/commands/session/sign-in.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { failure } from '../../support/failure.ts';
import { useDatabase } from '../../support/suite.ts';

const PASSWORD = 'correct horse battery staple';

describe.each(backends)('dashboard users ($name)', (backend) => {
  const db = useDatabase(backend);

  it('adds a user with its role in one go, lists them, and never stores or audits the password', async () => {
    const { as, account } = await testAccount(db.store);
    expect(await addWebUser({ ctx: as('admin'), input: { login: 'Alice@Example.com', role: 'admin', password: PASSWORD } })).toEqual({ login: 'alice@example.com', role: 'admin' });
    await addWebUser({ ctx: as('admin'), input: { login: 'bob', role: 'viewer', password: `${PASSWORD}!` } });
    expect(await db.store.roles.roleOf(account.id, 'web:alice@example.com')).toBe('admin');
    const stored = await db.store.webUsers.get(account.id, 'alice@example.com');
    expect(stored?.passwordHash).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(stored?.passwordHash).not.toContain(PASSWORD);
    const { users } = await listWebUsers({ ctx: as('admin'), input: {} });
    expect(users.map((u) => [u.login, u.role, u.createdBy])).toEqual([['alice@example.com', 'admin', 'cli:admin-user'], ['bob', 'viewer', 'cli:admin-user']]);
    expect(users[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const audit = await db.store.audit.list({ accountId: account.id, limit: 10 });
    expect(audit.map((a) => [a.action, a.target, a.outcome])).toEqual([['web_user.add', 'web:bob', 'ok'], ['web_user.add', 'web:alice@example.com', 'ok']]);
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
  });

  it('refuses a duplicate login, a bad login, and weak passwords with the field and the reason', async () => {
    const { as, account } = await testAccount(db.store);
    await addWebUser({ ctx: as('admin'), input: { login: 'alice', role: 'operator', password: PASSWORD } });
    expect(await failure(addWebUser({ ctx: as('admin'), input: { login: 'ALICE', role: 'admin', password: PASSWORD } }))).toMatchObject({ code: 'conflict', message: expect.stringContaining('"alice" already exists') });
    expect(await db.store.roles.roleOf(account.id, 'web:alice')).toBe('operator'); // rolled back: the role did not change
    expect(await failure(addWebUser({ ctx: as('admin'), input: { login: 'al ice', role: 'admin', password: PASSWORD } }))).toMatchObject({ code: 'validation', issues: [{ field: 'login' }] });
    const short = await failure(addWebUser({ ctx: as('admin'), input: { login: 'carol', role: 'admin', password: 'short' } }));
    expect(short).toMatchObject({ code: 'validation', issues: [{ field: 'password', message: expect.stringContaining('at least 12 characters') }] });
    expect(await failure(addWebUser({ ctx: as('admin'), input: { login: 'carol', role: 'admin', password: 'aaaaaaaaaaaaaaaa' } }))).toMatchObject({ issues: [{ field: 'password', message: expect.stringContaining('repeat') }] });
    expect(await failure(addWebUser({ ctx: as('admin'), input: { login: 'carol', role: 'admin', password: 'my name is carol!' } }))).toMatchObject({ issues: [{ field: 'password', message: expect.stringContaining('login') }] });
    expect(await failure(addWebUser({ ctx: as('admin'), input: { login: 'carol', role: 'root' as never, password: PASSWORD } }))).toMatchObject({ code: 'validation', issues: [{ field: 'role' }] });
    expect(await db.store.webUsers.get(account.id, 'carol')).toBeNull();
    const audit = await db.store.audit.list({ accountId: account.id, limit: 1 });
    expect(JSON.stringify(audit)).not.toContain('my name is carol');
  });

  it('lets only admins manage users, and audits the refusal', async () => {
    const { as, account } = await testAccount(db.store);
    expect(await failure(addWebUser({ ctx: as('operator', 'mallory', 'web'), input: { login: 'mallory2', role: 'admin', password: PASSWORD } }))).toMatchObject({ code: 'forbidden' });
    expect(await failure(listWebUsers({ ctx: as('operator'), input: {} }))).toMatchObject({ code: 'forbidden' });
    expect(await failure(removeWebUser({ ctx: as('operator'), input: { login: 'alice' } }))).toMatchObject({ code: 'forbidden' });
    expect(await failure(setWebPassword({ ctx: as('viewer'), input: { login: 'alice', password: PASSWORD } }))).toMatchObject({ code: 'forbidden' });
    expect(await db.store.webUsers.count(account.id)).toBe(0);
    const audit = await db.store.audit.list({ accountId: account.id, limit: 4 });
    expect(audit.map((a) => [a.action, a.outcome])).toContainEqual(['web_user.add', 'forbidden']);
    expect(audit.find((a) => a.action === 'web_user.add')?.actor).toBe('web:mallory');
  });

  it('removes a user with their sessions and role, but never the last admin', async () => {
    const { as, account, deps } = await testAccount(db.store);
    await addWebUser({ ctx: as('admin'), input: { login: 'alice', role: 'admin', password: PASSWORD } });
    await addWebUser({ ctx: as('admin'), input: { login: 'bob', role: 'operator', password: PASSWORD } });
    const bob = await signIn({ ctx: as('viewer', 'anonymous', 'web'), input: { login: 'bob', password: PASSWORD, client: '192.0.2.1' } });
    expect(await resolveSession(deps, account.id, bob.token)).not.toBeNull();
    expect(await removeWebUser({ ctx: as('admin'), input: { login: 'Bob' } })).toEqual({ login: 'bob', previousRole: 'operator', sessionsEnded: 1 });
    expect(await resolveSession(deps, account.id, bob.token)).toBeNull();
    expect(await db.store.roles.roleOf(account.id, 'web:bob')).toBeNull();
    expect(await failure(removeWebUser({ ctx: as('admin'), input: { login: 'bob' } }))).toMatchObject({ code: 'not_found' });
    expect(await failure(removeWebUser({ ctx: as('admin'), input: { login: 'alice' } }))).toMatchObject({ code: 'failed_precondition', message: expect.stringContaining('last admin') });
    expect(await db.store.webUsers.get(account.id, 'alice')).not.toBeNull(); // rolled back
    await grantRole({ ctx: as('admin'), input: { identity: 'slack:U1', role: 'admin' } });
    expect(await removeWebUser({ ctx: as('admin'), input: { login: 'alice' } })).toMatchObject({ previousRole: 'admin' });
    expect((await listWebUsers({ ctx: as('admin'), input: {} })).users).toEqual([]);
  });

  it('sets a new password and signs the user out everywhere', async () => {
    const { as, account, deps } = await testAccount(db.store);
    const anonymous = as('viewer', 'anonymous', 'web');
    await addWebUser({ ctx: as('admin'), input: { login: 'alice', role: 'viewer', password: PASSWORD } });
    const before = await signIn({ ctx: anonymous, input: { login: 'alice', password: PASSWORD, client: '192.0.2.1' } });
    expect(await setWebPassword({ ctx: as('admin'), input: { login: 'alice', password: 'a whole new passphrase' } })).toEqual({ login: 'alice', sessionsEnded: 1 });
    expect(await resolveSession(deps, account.id, before.token)).toBeNull();
    expect(await failure(signIn({ ctx: anonymous, input: { login: 'alice', password: PASSWORD, client: '192.0.2.1' } }))).toMatchObject({ code: 'forbidden' });
    expect(await signIn({ ctx: anonymous, input: { login: 'alice', password: 'a whole new passphrase', client: '192.0.2.1' } })).toMatchObject({ session: { login: 'alice' } });
    expect(await failure(setWebPassword({ ctx: as('admin'), input: { login: 'nobody', password: PASSWORD } }))).toMatchObject({ code: 'not_found' });
    expect(await failure(setWebPassword({ ctx: as('admin'), input: { login: 'alice', password: 'short' } }))).toMatchObject({ code: 'validation', issues: [{ field: 'password' }] });
    const audit = await db.store.audit.list({ accountId: account.id, action: 'web_user.set_password', limit: 5 });
    expect(audit.map((a) => a.outcome)).toEqual(['validation', 'not_found', 'ok']);
    expect(JSON.stringify(audit)).not.toContain('passphrase');
  });
});
