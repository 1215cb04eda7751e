import { Hono, type Context } from 'hono';
import { completeSetup } from '../../commands/session/complete-setup.ts';
import type { CommandContext } from '../../commands/context.ts';
import { resolveSession } from '../../commands/session/resolve.ts';
import { setupNeeded } from '../../commands/session/issue-setup-link.ts';
import { signIn } from '../../commands/session/sign-in.ts';
import { signOut } from '../../commands/session/sign-out.ts';
import { isCommandError, type CommandError } from '../../core/errors.ts';
import type { Actor } from '../../core/roles.ts';
import { documentOf } from '../../../web/document.ts';
import { LoginPage, SetupPage } from '../../../web/login-page.tsx';
import { httpStatus } from '../http/errors.ts';
import { sameSecret, type CookieJar } from './cookies.ts';
import type { DashboardConfig, DashboardEnv } from './env.ts';
import { csrfRefused, localPath, requireCsrf, requireSession, sameOrigin } from './guard.ts';
import { isLoginCsrf, LOGIN_CSRF_SECONDS, mintLoginCsrf } from './login-csrf.ts';

const ANONYMOUS: Actor = { platform: 'web', id: 'anonymous', role: 'viewer' };
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** /login, /logout and the one-time /setup/<token> page. */
export function createAuthRoutes(config: DashboardConfig, jar: CookieJar) {
  const anonymous = (): CommandContext => ({ ...config.deps, actor: ANONYMOUS, accountId: config.accountId });

  /** Before there is a session, a double-submit cookie holding a token this server made stands in for the session's. */
  const { tokenMac } = config.deps;
  const now = () => config.deps.now();
  const preSessionToken = async (c: Context) => {
    const existing = jar.get(c, jar.loginCsrf);
    if (existing && (await isLoginCsrf(tokenMac, existing, now()))) return existing;
    const token = await mintLoginCsrf(tokenMac, now());
    jar.set(c, jar.loginCsrf, token, LOGIN_CSRF_SECONDS);
    return token;
  };
  const preSessionOk = async (c: Context) => {
    const form = await c.req.parseBody();
    const cookie = jar.get(c, jar.loginCsrf);
    return sameOrigin(c, config.publicOrigin) && sameSecret(str(form._csrf), cookie) && (await isLoginCsrf(tokenMac, cookie, now()));
  };
  const startSession = (c: Context, token: string, expiresAt: string) => {
    jar.clear(c, jar.loginCsrf);
    jar.set(c, jar.session, token, Math.max(60, Math.floor((new Date(expiresAt).getTime() - Date.now()) / 1000)));
  };

  const app = new Hono<DashboardEnv>();
  app.get('/login', async (c) => {
    const next = localPath(c.req.query('next'));
    const signedIn = jar.get(c, jar.session);
    if (signedIn && (await resolveSession(config.deps, config.accountId, signedIn))) return c.redirect(next, 303);
    return c.html(documentOf(LoginPage({ csrfToken: await preSessionToken(c), next, setupNeeded: await setupNeeded(config.deps, config.accountId) })));
  });

  app.post('/login', async (c) => {
    const next = localPath(c.req.query('next'));
    if (!(await preSessionOk(c))) return csrfRefused(c);
    const form = await c.req.parseBody();
    const login = str(form.login).trim();
    try {
      const client = config.clientAddress?.(c) ?? 'unknown';
      const { token, session } = await signIn({ ctx: anonymous(), input: { login, password: str(form.password), client } });
      startSession(c, token, session.expiresAt);
      return c.redirect(next, 303);
    } catch (e) {
      if (!isCommandError(e) || (e.code !== 'forbidden' && e.code !== 'rate_limited' && e.code !== 'validation')) throw e;
      const status = e.code === 'rate_limited' ? 429 : e.code === 'validation' ? 400 : 401;
      const page = documentOf(LoginPage({ csrfToken: await preSessionToken(c), next, login, problem: e.message, setupNeeded: false }));
      return c.html(page, status);
    }
  });

  app.post('/logout', requireSession(config, jar), requireCsrf(config), async (c) => {
    await signOut({ ctx: c.get('ctx'), input: { token: c.get('sessionToken') } });
    jar.clear(c, jar.session);
    return c.redirect('/login', 303);
  });

  app.get('/setup/:token', async (c) => {
    const action = `/setup/${encodeURIComponent(c.req.param('token'))}`;
    if (!(await setupNeeded(config.deps, config.accountId))) return setupUsed(c);
    return c.html(documentOf(SetupPage({ action, csrfToken: await preSessionToken(c) })));
  });

  app.post('/setup/:token', async (c) => {
    if (!(await preSessionOk(c))) return csrfRefused(c);
    const form = await c.req.parseBody();
    const action = `/setup/${encodeURIComponent(c.req.param('token'))}`;
    const login = str(form.login).trim();
    const again = async (problem: string | null, issues: CommandError['issues'], status: 400 | 403 | 409) =>
      c.html(documentOf(SetupPage({ action, login, problem, issues, csrfToken: await preSessionToken(c) })), status);
    if (str(form.password) !== str(form.confirm)) return again(null, [{ field: 'confirm', message: 'The two passwords differ.' }], 400);
    try {
      const { token, session } = await completeSetup({ ctx: anonymous(), input: { token: c.req.param('token'), login, password: str(form.password) } });
      startSession(c, token, session.expiresAt);
      jar.flash(c, `Welcome, ${session.login}: you are the first admin. Add an integration to start.`);
      return c.redirect('/', 303);
    } catch (e) {
      if (!isCommandError(e)) throw e;
      if (e.code === 'validation') return again(e.message, e.issues, 400);
      if (e.code === 'failed_precondition' || e.code === 'forbidden' || e.code === 'not_found') return setupUsed(c, e.message);
      return again(e.message, e.issues, httpStatus(e.code) as 409);
    }
  });

  const setupUsed = async (c: Context, message = 'dirsync already has a dashboard user, so this setup link no longer works.') =>
    c.html(documentOf(LoginPage({ csrfToken: await preSessionToken(c), next: '/', problem: `${message} Sign in instead.`, setupNeeded: false })), 409);

  return app;
}
