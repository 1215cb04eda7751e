import { describe, expect, it } from 'vitest';
import { addWebUser } from '../../../src/commands/web-user/add.ts';
import { issueSetupToken } from '../../../src/commands/session/issue-setup-link.ts';
import { hashToken } from '../../../src/core/web-auth.ts';
import { dashboardHarness, PASSWORD } from '../../support/dashboard.ts';
import { backends } from '../../support/databases.ts';
import { useDatabase } from '../../support/suite.ts';

/** The Set-Cookie line of one cookie, or undefined. */
const setCookie = (headers: Headers, name: string) => headers.getSetCookie().find((line) => line.startsWith(`${name}=`));

describe.each(backends)('dashboard sign-in, sign-out and setup over HTTP ($name)', (backend) => {
  const db = useDatabase(backend);

  /** An account with alice (operator), and a browser on its sign-in page. */
  async function withAlice(opts: Parameters<typeof dashboardHarness>[1] = {}) {
    const h = await dashboardHarness(db.store, opts);
    await addWebUser({ ctx: h.as('admin'), input: { login: 'alice', role: 'operator', password: PASSWORD } });
    const b = h.browser();
    await b.load('/login');
    return { ...h, b };
  }

  it('refuses a wrong password and an unknown login alike, with 401 and no session', async () => {
    const { b } = await withAlice();
    const wrong = await b.post('/login', { login: 'alice', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('Wrong login or password');
    expect(wrong.body).toContain('value="alice"'); // the login is kept, the password is not
    expect(wrong.body).not.toContain('not the password');
    expect(setCookie(wrong.headers, 'dirsync_session')).toBeUndefined();
    const unknown = await b.post('/login', { login: 'nobody', password: 'not the password' });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toContain('Wrong login or password');
    expect(setCookie(unknown.headers, 'dirsync_session')).toBeUndefined();
    expect(b.cookies.has('dirsync_session')).toBe(false);
    const page = await b.get('/');
    expect([page.status, page.location]).toEqual([303, '/login?next=%2F']);
  });

  it('refuses a sign-in form without its token or from another site', async () => {
    const { b, account, deps } = await withAlice();
    const good = { login: 'alice', password: PASSWORD };
    expect((await b.post('/login', { ...good, _csrf: '' })).status).toBe(403);
    expect((await b.post('/login', { ...good, _csrf: 'forged' })).status).toBe(403);
    expect((await b.post('/login', good, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await b.post('/login', good, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(b.cookies.has('dirsync_session')).toBe(false);
    expect(await deps.store.audit.list({ accountId: account.id, action: 'session.sign_in', limit: 5 })).toEqual([]);
  });

  it('throttles a login after 5 failures: 429, even with the right password', async () => {
    const { b } = await withAlice();
    for (let i = 0; i < 5; i++) expect((await b.post('/login', { login: 'alice', password: `guess number ${i}` })).status).toBe(401);
    const limited = await b.post('/login', { login: 'alice', password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.body).toContain('Too many failed sign-ins for alice');
    expect(setCookie(limited.headers, 'dirsync_session')).toBeUndefined();
  });

  it('signs in with an HttpOnly, SameSite=Lax cookie (not Secure on plain HTTP) and goes back to a local page', async () => {
    const { b, deps } = await withAlice();
    const res = await b.post(`/login?next=${encodeURIComponent('/audit?actor=web:alice')}`, { login: 'alice', password: PASSWORD });
    expect([res.status, res.location]).toEqual([303, '/audit?actor=web:alice']);
    const cookie = setCookie(res.headers, 'dirsync_session')!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Secure/i);
    const token = b.cookies.get('dirsync_session')!;
    expect(await deps.store.webSessions.get(await hashToken(token))).toMatchObject({ login: 'alice' });
    const home = await b.get('/');
    expect(home.status).toBe(200);
    expect(home.body).toContain('alice (operator)');
  });

  it.each(['//evil.example', 'https://evil.example', '/\\evil.example', 'evil.example'])('never sends a fresh sign-in to %s', async (next) => {
    const { b } = await withAlice();
    const form = await b.load(`/login?next=${encodeURIComponent(next)}`);
    expect(form.body).toContain('action="/login?next=%2F"');
    const res = await b.post(`/login?next=${encodeURIComponent(next)}`, { login: 'alice', password: PASSWORD });
    expect([res.status, res.location]).toEqual([303, '/']);
    const again = await b.get(`/login?next=${encodeURIComponent(next)}`); // already signed in
    expect([again.status, again.location]).toEqual([303, '/']);
  });

  it('behind HTTPS names the cookie __Host-dirsync_session and marks it Secure', async () => {
    const { b, browser } = await withAlice({ secureCookies: true });
    expect([...b.cookies.keys()]).toEqual(['__Host-dirsync_login_csrf']);
    const res = await b.post('/login', { login: 'alice', password: PASSWORD });
    expect(res.status).toBe(303);
    expect(setCookie(res.headers, 'dirsync_session')).toBeUndefined();
    const cookie = setCookie(res.headers, '__Host-dirsync_session')!;
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    expect((await b.get('/')).status).toBe(200);
    // The unprefixed name is not accepted in its place.
    const plain = browser();
    plain.cookies.set('dirsync_session', b.cookies.get('__Host-dirsync_session')!);
    expect((await plain.get('/')).status).toBe(303);
  });

  it('signs out: the cookie is cleared and the old session no longer works', async () => {
    const h = await dashboardHarness(db.store);
    const b = await h.signedIn('viewer');
    const token = b.cookies.get('dirsync_session')!;
    const res = await b.post('/logout');
    expect([res.status, res.location]).toEqual([303, '/login']);
    expect(setCookie(res.headers, 'dirsync_session')).toMatch(/Max-Age=0/);
    expect(b.cookies.has('dirsync_session')).toBe(false);
    expect(await h.deps.store.webSessions.get(await hashToken(token))).toBeNull();
    const stale = h.browser();
    stale.cookies.set('dirsync_session', token);
    const home = await stale.get('/');
    expect([home.status, home.location]).toEqual([303, '/login?next=%2F']);
    expect(stale.cookies.has('dirsync_session')).toBe(false); // the dead cookie is cleared too
    expect((await stale.request('/logout', { method: 'POST', form: { _csrf: b.csrf }, headers: { origin: 'http://localhost' } })).status).toBe(401);
  });

  describe('the one-time setup link', () => {
    it('creates the first admin once and signs them in', async () => {
      const h = await dashboardHarness(db.store);
      const link = (await issueSetupToken(h.deps, h.account.id))!;
      const b = h.browser();
      expect((await b.get('/login')).body).toContain('No dashboard user exists yet');
      const form = await b.load(`/setup/${link.token}`);
      expect(form.status).toBe(200);
      expect(form.body).toContain('Create the first admin');
      expect(form.body).toContain(`action="/setup/${link.token}"`);

      const differ = await b.post(`/setup/${link.token}`, { login: 'root', password: 'first admin passphrase', confirm: 'first admin passphrasf' });
      expect(differ.status).toBe(400);
      expect(differ.body).toContain('The two passwords differ.');
      expect(differ.body).toContain('value="root"');
      const short = await b.post(`/setup/${link.token}`, { login: 'root', password: 'too short', confirm: 'too short' });
      expect(short.status).toBe(400);
      expect(short.body).toContain('must be at least 12 characters');
      expect(await h.deps.store.webUsers.count(h.account.id)).toBe(0);
      expect(b.cookies.has('dirsync_session')).toBe(false);

      const done = await b.post(`/setup/${link.token}`, { login: 'root', password: 'first admin passphrase', confirm: 'first admin passphrase' });
      expect([done.status, done.location]).toEqual([303, '/']);
      expect(setCookie(done.headers, 'dirsync_session')).toMatch(/HttpOnly/);
      const home = await b.get('/');
      expect(home.status).toBe(200);
      expect(home.body).toContain('Welcome, root: you are the first admin.');
      expect(home.body).toContain('root (admin)');
      expect(await h.deps.store.roles.roleOf(h.account.id, 'web:root')).toBe('admin');

      const other = h.browser();
      const reopened = await other.load(`/setup/${link.token}`);
      expect(reopened.status).toBe(409);
      expect(reopened.body).toContain('already has a dashboard user');
      const reused = await other.post(`/setup/${link.token}`, { login: 'eve', password: 'second admin passphrase', confirm: 'second admin passphrase' });
      expect(reused.status).toBe(409);
      expect(reused.body).toContain('already used');
      expect(other.cookies.has('dirsync_session')).toBe(false);
      expect(await h.deps.store.webUsers.get(h.account.id, 'eve')).toBeNull();
    });

    it('refuses a made-up token and a form from another site', async () => {
      const h = await dashboardHarness(db.store);
      const link = (await issueSetupToken(h.deps, h.account.id))!;
      const b = h.browser();
      await b.load('/setup/made-up-token');
      const made = await b.post('/setup/made-up-token', { login: 'mallory', password: 'a made up passphrase', confirm: 'a made up passphrase' });
      expect(made.status).toBe(409);
      expect(made.body).toContain('already used or has expired');
      const forged = await b.post(`/setup/${link.token}`, { login: 'mallory', password: 'a made up passphrase', confirm: 'a made up passphrase' }, { origin: 'http://evil.example' });
      expect(forged.status).toBe(403);
      expect(b.cookies.has('dirsync_session')).toBe(false);
      expect(await h.deps.store.webUsers.count(h.account.id)).toBe(0);
    });
  });
});
