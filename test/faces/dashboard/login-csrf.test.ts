import { describe, expect, it } from 'vitest';
import { addWebUser } from '../../../src/commands/web-user/add.ts';
import { issueSetupToken } from '../../../src/commands/session/issue-setup-link.ts';
import { newToken } from '../../../src/core/web-auth.ts';
import { dashboardHarness, PASSWORD } from '../../support/dashboard.ts';
import { backends } from '../../support/databases.ts';
import { useDatabase } from '../../support/suite.ts';

const COOKIE = 'dirsync_login_csrf';
/** A form post from a client that is not a browser: no Origin, no Sec-Fetch-Site, so the token alone decides. */
const NO_BROWSER = {};

describe.each(backends)('the sign-in CSRF token is one the server made ($name)', (backend) => {
  const db = useDatabase(backend);

  async function withAlice() {
    const h = await dashboardHarness(db.store);
    await addWebUser({ ctx: h.as('admin'), input: { login: 'alice', role: 'operator', password: PASSWORD } });
    return h;
  }
  /** A browser whose cookie and form field were chosen by someone else. */
  const planted = (h: Awaited<ReturnType<typeof dashboardHarness>>, token: string) => {
    const b = h.browser();
    b.cookies.set(COOKIE, token);
    b.csrf = token;
    return b;
  };
  const signIn = (b: ReturnType<typeof planted>) => b.post('/login', { login: 'alice', password: PASSWORD }, NO_BROWSER);

  it('accepts the token it minted, with no Origin or Sec-Fetch-Site', async () => {
    const h = await withAlice();
    const b = h.browser();
    await b.load('/login');
    expect(b.cookies.get(COOKIE)).toBe(b.csrf);
    const res = await signIn(b);
    expect([res.status, res.location]).toEqual([303, '/']);
    expect(b.cookies.has('dirsync_session')).toBe(true);
  });

  it('refuses a cookie and field pair it did not mint, shaped like one or not', async () => {
    const h = await withAlice();
    const now = Math.floor(Date.now() / 1000);
    for (const token of ['planted', newToken(), `${now}.${newToken()}.${newToken()}`]) {
      const b = planted(h, token);
      const res = await signIn(b);
      expect(res.status, token).toBe(403);
      expect(res.body).toContain('CSRF check failed');
      expect(b.cookies.has('dirsync_session')).toBe(false);
    }
    expect(await h.deps.store.audit.list({ accountId: h.account.id, action: 'session.sign_in', limit: 5 })).toEqual([]);
  });

  it('refuses a token minted with another key, and one whose MAC was changed', async () => {
    const h = await withAlice();
    const other = (await dashboardHarness(db.store)).browser();
    await other.load('/login');
    const foreign = other.cookies.get(COOKIE)!;
    expect((await signIn(planted(h, foreign))).status).toBe(403);

    const mine = h.browser();
    await mine.load('/login');
    const genuine = mine.cookies.get(COOKIE)!;
    // A character inside the MAC: the last one of unpadded base64url carries spare bits, and
    // some changes there decode to the same bytes.
    const at = genuine.length - 5;
    const tampered = genuine.slice(0, at) + (genuine[at] === 'A' ? 'B' : 'A') + genuine.slice(at + 1);
    expect((await signIn(planted(h, tampered))).status).toBe(403);
    expect((await signIn(planted(h, genuine))).status).toBe(303);
  });

  it('refuses a token older than its cookie (an hour), and the form then gets a fresh one', async () => {
    const h = await withAlice();
    const b = h.browser();
    await b.load('/login');
    const old = b.csrf;
    const realNow = h.deps.now;
    h.deps.now = () => new Date(realNow().getTime() + 61 * 60_000);
    try {
      expect((await signIn(b)).status).toBe(403);
      await b.load('/login');
      expect(b.csrf).not.toBe(old);
      expect(b.cookies.get(COOKIE)).toBe(b.csrf);
      expect((await signIn(b)).status).toBe(303);
    } finally {
      h.deps.now = realNow;
    }
  });

  it('guards the setup form the same way: a planted pair creates no admin', async () => {
    const h = await dashboardHarness(db.store);
    const link = (await issueSetupToken(h.deps, h.account.id))!;
    const b = planted(h, 'planted');
    const res = await b.post(`/setup/${link.token}`, { login: 'mallory', password: 'a made up passphrase', confirm: 'a made up passphrase' }, NO_BROWSER);
    expect(res.status).toBe(403);
    expect(await h.deps.store.webUsers.count(h.account.id)).toBe(0);
  });
});
