import { describe, expect, it } from 'vitest';
import { addWebUser } from '../../../src/commands/web-user/add.ts';
import { completeSetup } from '../../../src/commands/session/complete-setup.ts';
import { resolveSession } from '../../../src/commands/session/resolve.ts';
import { issueSetupToken, setupNeeded } from '../../../src/commands/session/issue-setup-link.ts';
import { hashToken } from '../../../src/core/web-auth.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { failure } from '../../support/failure.ts';
import { useDatabase } from '../../support/suite.ts';

const PASSWORD = 'correct horse battery staple';
const USED = /already used or has expired\. Restart dirsync to print a new one, or add a user with `dirsync users add`/;

describe.each(backends)('first admin through the setup link ($name)', (backend) => {
  const db = useDatabase(backend);

  it('creates the first admin once, signs them in, and audits it as them', async () => {
    const { account, deps, as } = await testAccount(db.store);
    const anonymous = as('viewer', 'anonymous', 'web');
    expect(await setupNeeded(deps, account.id)).toBe(true);
    const link = await issueSetupToken(deps, account.id);
    expect(link?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link!.expiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect(JSON.stringify(await db.store.audit.list({ accountId: account.id, limit: 5 }))).not.toContain(link!.token);
    const { token, session } = await completeSetup({ ctx: anonymous, input: { token: link!.token, login: 'Root', password: PASSWORD } });
    expect(session).toMatchObject({ login: 'root', role: 'admin' });
    expect(await resolveSession(deps, account.id, token)).toMatchObject({ actor: { platform: 'web', id: 'root', role: 'admin' } });
    expect(await db.store.roles.roleOf(account.id, 'web:root')).toBe('admin');
    expect(await setupNeeded(deps, account.id)).toBe(false);
    expect(await issueSetupToken(deps, account.id)).toBeNull();
    const again = await failure(completeSetup({ ctx: anonymous, input: { token: link!.token, login: 'eve', password: PASSWORD } }));
    expect(again).toMatchObject({ code: 'failed_precondition', message: expect.stringMatching(USED) });
    const audit = await db.store.audit.list({ accountId: account.id, action: 'session.complete_setup', limit: 5 });
    expect(audit.map((a) => [a.actor, a.target, a.outcome])).toEqual([['web:eve', null, 'failed_precondition'], ['web:root', 'web:root', 'ok']]);
    expect(await db.store.webUsers.get(account.id, 'eve')).toBeNull();
  });

  it('refuses a wrong, replaced or expired token, and keeps a valid one through a weak password', async () => {
    const { account, deps, as } = await testAccount(db.store);
    const anonymous = as('viewer', 'anonymous', 'web');
    const first = await issueSetupToken(deps, account.id);
    const second = await issueSetupToken(deps, account.id);
    const attempt = (token: string, password = PASSWORD, ctx = anonymous) => completeSetup({ ctx, input: { token, login: 'root', password } });
    expect(await failure(attempt(first!.token))).toMatchObject({ code: 'failed_precondition', message: expect.stringMatching(USED) });
    expect(await failure(attempt('made-up'))).toMatchObject({ code: 'failed_precondition' });
    expect(await failure(attempt(second!.token, 'short'))).toMatchObject({ code: 'validation', issues: [{ field: 'password' }] });
    const late = { ...anonymous, now: () => new Date(Date.now() + 24 * 3600_000 + 1000) };
    expect(await failure(attempt(second!.token, PASSWORD, late))).toMatchObject({ code: 'failed_precondition' });
    expect(await attempt(second!.token)).toMatchObject({ session: { login: 'root', role: 'admin' } });
  });

  it('works for only one of two simultaneous submissions', async () => {
    const { account, deps, as } = await testAccount(db.store);
    const link = await issueSetupToken(deps, account.id);
    const anonymous = as('viewer', 'anonymous', 'web');
    const results = await Promise.allSettled(['ann', 'ben'].map((login) => completeSetup({ ctx: anonymous, input: { token: link!.token, login, password: PASSWORD } })));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await db.store.webUsers.list(account.id)).length).toBe(1);
  });

  it('is not needed, and the link no longer works, once someone added a user on the CLI', async () => {
    const { account, deps, as } = await testAccount(db.store);
    const link = await issueSetupToken(deps, account.id);
    await addWebUser({ ctx: as('admin'), input: { login: 'alice', role: 'viewer', password: PASSWORD } });
    expect(await setupNeeded(deps, account.id)).toBe(false);
    expect(await failure(completeSetup({ ctx: as('viewer', 'anonymous', 'web'), input: { token: link!.token, login: 'root', password: PASSWORD } }))).toMatchObject({ code: 'failed_precondition' });
    expect(await db.store.roles.roleOf(account.id, 'web:root')).toBeNull();
    expect(await db.store.setupTokens.consume(account.id, await hashToken(link!.token), new Date())).toBe(true); // the failed use did not burn it
  });
});
