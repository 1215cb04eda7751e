import { describe, expect, it } from 'vitest';
import { addWebUser } from '../../../src/commands/web-user/add.ts';
import type { CommandContext } from '../../../src/commands/context.ts';
import { grantRole } from '../../../src/commands/role/grant.ts';
import { resolveSession } from '../../../src/commands/session/resolve.ts';
import { signIn } from '../../../src/commands/session/sign-in.ts';
import { signOut } from '../../../src/commands/session/sign-out.ts';
import { hashToken, type PasswordHasher } from '../../../src/core/web-auth.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { failure } from '../../support/failure.ts';
import { useDatabase } from '../../support/suite.ts';

const PASSWORD = 'correct horse battery staple';
const MINUTE = 60_000;

describe.each(backends)('dashboard sign-in ($name)', (backend) => {
  const db = useDatabase(backend);

  /** An account with alice (operator), and an anonymous web context whose clock the test moves. */
  async function withAlice() {
    const account = await testAccount(db.store);
    await addWebUser({ ctx: account.as('admin'), input: { login: 'alice', role: 'operator', password: PASSWORD } });
    let now = new Date('2030-01-01T09:00:00Z');
    const clock = { now: () => now, advance: (ms: number) => void (now = new Date(now.getTime() + ms)) };
    const deps = { ...account.deps, now: () => clock.now() };
    const anonymous: CommandContext = { ...account.as('viewer', 'anonymous', 'web'), now: deps.now };
    const attempt = (password: string, login = 'alice', client = '192.0.2.7') => signIn({ ctx: anonymous, input: { login, password, client } });
    return { ...account, deps, clock, anonymous, attempt };
  }

  it('signs in with a session whose token is stored only as a hash, and resolves it to the person and role', async () => {
    const { account, deps, attempt } = await withAlice();
    const { token, session } = await attempt(PASSWORD, ' Alice ');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session).toEqual({ login: 'alice', role: 'operator', csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), expiresAt: '2030-01-08T09:00:00.000Z' });
    const stored = await db.store.webSessions.get(await hashToken(token));
    expect(stored).toMatchObject({ accountId: account.id, login: 'alice', csrfToken: session.csrfToken });
    expect(await db.store.webSessions.get(token)).toBeNull();
    expect(await resolveSession(deps, account.id, token)).toEqual({ actor: { platform: 'web', id: 'alice', role: 'operator', displayName: 'alice' }, session });
    expect(await resolveSession(deps, crypto.randomUUID(), token)).toBeNull(); // another account's dashboard
    expect(await resolveSession(deps, account.id, `${token}x`)).toBeNull();
    expect(await resolveSession(deps, account.id, '')).toBeNull();
    const audit = await db.store.audit.list({ accountId: account.id, action: 'session.sign_in', limit: 5 });
    expect(audit.map((a) => [a.actor, a.outcome])).toEqual([['web:alice', 'ok']]);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('answers an unknown login exactly like a wrong password, checking a hash either way, and audits both', async () => {
    const { account, anonymous, attempt } = await withAlice();
    const verified: string[] = [];
    const spy: PasswordHasher = { hash: (p) => anonymous.passwords.hash(p), verify: (p, stored) => (verified.push(stored), anonymous.passwords.verify(p, stored)) };
    const ctx = { ...anonymous, passwords: spy };
    const wrong = await failure(signIn({ ctx, input: { login: 'alice', password: 'not the password', client: '192.0.2.7' } }));
    const unknown = await failure(signIn({ ctx, input: { login: 'nobody', password: 'not the password', client: '192.0.2.7' } }));
    expect([wrong.code, wrong.message]).toEqual(['forbidden', 'Wrong login or password']);
    expect([unknown.code, unknown.message]).toEqual([wrong.code, wrong.message]);
    expect(verified).toHaveLength(2);
    expect(verified[1]).toMatch(/^scrypt\$15\$8\$1\$/); // a real hash at the same cost, not a shortcut
    const audit = await db.store.audit.list({ accountId: account.id, action: 'session.sign_in', limit: 5 });
    expect(audit.map((a) => [a.actor, a.outcome])).toEqual([['web:nobody', 'forbidden'], ['web:alice', 'forbidden']]);
    expect(JSON.stringify(audit)).not.toContain('not the password');
    expect((await db.store.loginFailures.countForLogin(account.id, 'alice', new Date(0))).count).toBe(1);
    expect(await failure(attempt('x'.repeat(1025)))).toMatchObject({ code: 'validation', issues: [{ field: 'password' }] });
    await attempt(PASSWORD);
    expect((await db.store.loginFailures.countForLogin(account.id, 'alice', new Date(0))).count).toBe(0); // success clears them
  });

  it('throttles a login after 5 failures in 15 minutes, before checking the password, and lets it in again later', async () => {
    const { account, clock, attempt } = await withAlice();
    for (let i = 0; i < 5; i++) {
      expect((await failure(attempt(`guess number ${i}`))).code).toBe('forbidden');
      clock.advance(MINUTE);
    }
    const limited = await failure(attempt(PASSWORD));
    expect(limited).toMatchObject({ code: 'rate_limited', message: 'Too many failed sign-ins for alice; try again in 10 minutes' });
    expect(await failure(attempt(PASSWORD, 'alice', '198.51.100.1'))).toMatchObject({ code: 'rate_limited' }); // another address does not help
    expect((await failure(attempt(PASSWORD, 'bob'))).code).toBe('forbidden'); // other logins are not locked
    expect((await db.store.audit.list({ accountId: account.id, action: 'session.sign_in', limit: 1 }))[0]).toMatchObject({ actor: 'web:bob', outcome: 'forbidden' });
    clock.advance(10 * MINUTE);
    expect((await attempt(PASSWORD)).session.login).toBe('alice'); // the oldest failure left the window
    const outcomes = (await db.store.audit.list({ accountId: account.id, action: 'session.sign_in', limit: 20 })).map((a) => a.outcome);
    expect(outcomes.filter((o) => o === 'rate_limited')).toHaveLength(2);
  });

  it('throttles one address after 30 failures across logins, but not the "unknown" address everyone shares', async () => {
    const { attempt } = await withAlice();
    const hammer = (client: string) => Promise.all(Array.from({ length: 30 }, (_, i) => failure(attempt('wrong password', `user${i}`, client))));
    expect((await hammer('203.0.113.9')).every((e) => e.code === 'forbidden')).toBe(true);
    expect(await failure(attempt(PASSWORD, 'alice', '203.0.113.9'))).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('from this address') });
    expect((await attempt(PASSWORD, 'alice', '192.0.2.7')).session.login).toBe('alice');
    await hammer('unknown');
    expect((await attempt(PASSWORD, 'alice', 'unknown')).session.login).toBe('alice');
  }, 60_000);

  it('holds parallel guesses to the limit: each attempt counts before its hash is checked', async () => {
    const { attempt } = await withAlice();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => failure(attempt(`parallel guess ${i}`))));
    expect(results.filter((e) => e.code === 'forbidden').length).toBeLessThanOrEqual(5);
  });

  it('ends a session after 12 idle hours or 7 days in all, sliding the idle expiry at most once a minute', async () => {
    const { account, deps, clock, attempt } = await withAlice();
    const { token } = await attempt(PASSWORD);
    const hash = await hashToken(token);
    clock.advance(30_000);
    await resolveSession(deps, account.id, token);
    expect((await db.store.webSessions.get(hash))?.lastSeenAt.toISOString()).toBe('2030-01-01T09:00:00.000Z'); // no write within the minute
    clock.advance(11 * 60 * MINUTE);
    expect(await resolveSession(deps, account.id, token)).not.toBeNull();
    expect((await db.store.webSessions.get(hash))?.idleExpiresAt.toISOString()).toBe('2030-01-02T08:00:30.000Z');
    const end = new Date('2030-01-08T09:00:00Z').getTime();
    while (clock.now().getTime() + 11 * 60 * MINUTE < end) {
      clock.advance(11 * 60 * MINUTE);
      expect(await resolveSession(deps, account.id, token), clock.now().toISOString()).not.toBeNull();
    }
    clock.advance(11 * 60 * MINUTE);
    expect(await resolveSession(deps, account.id, token)).toBeNull(); // past 7 days, however active
    const idle = await attempt(PASSWORD);
    clock.advance(12 * 60 * MINUTE);
    expect(await resolveSession(deps, account.id, idle.token)).toBeNull();
    expect(await db.store.webSessions.get(await hashToken(idle.token))).toBeNull(); // and it is gone
  });

  it('resolves the role as it is now, and signs out once', async () => {
    const { account, deps, as, attempt } = await withAlice();
    const { token } = await attempt(PASSWORD);
    await grantRole({ ctx: as('admin'), input: { identity: 'web:alice', role: 'admin' } });
    const resolved = await resolveSession(deps, account.id, token);
    expect(resolved?.actor.role).toBe('admin');
    const ctx = { ...deps, accountId: account.id, actor: resolved!.actor };
    expect(await signOut({ ctx, input: { token } })).toEqual({ signedOut: true });
    expect(await resolveSession(deps, account.id, token)).toBeNull();
    expect(await signOut({ ctx, input: { token } })).toEqual({ signedOut: false });
    const audit = await db.store.audit.list({ accountId: account.id, action: 'session.sign_out', limit: 5 });
    expect(audit.map((a) => [a.actor, a.target, a.detail])).toEqual([['web:alice', 'web:alice', { ended: false }], ['web:alice', 'web:alice', { ended: true }]]);
  });
});
