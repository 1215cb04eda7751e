import type { Context, MiddlewareHandler } from 'hono';
import { resolveSession } from '../../commands/session/resolve.ts';
import type { CommandContext } from '../../commands/context.ts';
import { entriesFor, inputOf, runEntry } from '../../commands/registry.ts';
import { plainText } from '../../presenters/plain-text.ts';
import type { HeaderItem } from '../../../web/layout.tsx';
import type { CookieJar } from './cookies.ts';
import { sameSecret } from './cookies.ts';
import type { DashboardConfig, DashboardEnv } from './env.ts';

/** One leading `/`, not followed by `/` or `\`; no backslash or control character anywhere. */
const PLAIN_PATH = /^\/(?![/\\])[^\\\p{Cc}]*$/u;

/**
 * Only paths of this site: `next` must never send a fresh sign-in somewhere else. Browsers drop
 * tabs and newlines and read `\` as `/`, so `/\t/evil.example` would go to //evil.example; anything
 * but a plain path becomes `/`. The answer is re-serialised (ASCII only, fit for a Location
 * header) and checked again: resolving `/..//evil.example` yields `//evil.example`.
 */
export function localPath(next: string | undefined): string {
  if (!next || !PLAIN_PATH.test(next)) return '/';
  const url = new URL(next, 'http://dirsync.invalid');
  const path = url.pathname + url.search + url.hash;
  return url.origin === 'http://dirsync.invalid' && PLAIN_PATH.test(path) ? path : '/';
}

/** A page a person opens (not the JSON the forms ask for, not an event stream, not a form post). */
const pageView = (c: Context) => c.req.method === 'GET' && !c.req.path.startsWith('/api/') && !c.req.path.endsWith('/events');

/**
 * What the registry's header commands say of the viewer (whoami), as their presenters put it.
 * A header that cannot be said leaves the page without it rather than failing the page.
 */
async function headerOf(ctx: CommandContext): Promise<HeaderItem[]> {
  const said = await Promise.all(
    entriesFor('dashboard')
      .filter((e) => e.spec.header && e.spec.present)
      .map(async (e) => {
        const said = e.spec.present!(await runEntry(e, ctx, inputOf(e, {})), {});
        return { text: said.summary, detail: plainText(said).trim() };
      }),
  ).catch((err: unknown) => (ctx.log.warn('could not make the page header', { err }), []));
  return said;
}

/**
 * Every dashboard page needs a session. Anonymous page views go to /login (and come back);
 * anything else gets 401. Sessions live in Postgres, so any replica can serve any request.
 */
export function requireSession(config: DashboardConfig, jar: CookieJar): MiddlewareHandler<DashboardEnv> {
  return async (c, next) => {
    // Two route patterns can match one path (/integrations/new, /integrations/:name): check once.
    if (c.get('viewer')) return next();
    const token = jar.get(c, jar.session);
    const found = token ? await resolveSession(config.deps, config.accountId, token) : null;
    if (!found || !token) {
      if (token) jar.clear(c, jar.session);
      if (pageView(c)) {
        const url = new URL(c.req.url);
        return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
      }
      return c.text('Sign in first: your session is missing or has expired.', 401);
    }
    c.set('sessionToken', token);
    const ctx = { ...config.deps, actor: found.actor, accountId: config.accountId };
    const viewer = { login: found.session.login, role: found.actor.role, csrfToken: found.session.csrfToken };
    c.set('viewer', pageView(c) ? { ...viewer, header: await headerOf(ctx) } : viewer);
    c.set('ctx', ctx);
    await next();
  };
}

/**
 * A state change must come from our own pages: the browser says so (Origin / Sec-Fetch-Site), and
 * the form carries the token only our pages know. Either check failing refuses the request.
 */
export function sameOrigin(c: Context, publicOrigin: string | undefined): boolean {
  // Fetch metadata is the browser's own statement; Origin is "null" under some referrer policies.
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin';
  const origin = c.req.header('origin');
  if (origin === undefined) return true; // not a browser: the form token alone decides
  return origin === (publicOrigin ?? new URL(c.req.url).origin);
}

/** The answer to a state change that failed the CSRF checks, signed in or not. */
export const csrfRefused = (c: Context) =>
  c.text('This form is out of date or did not come from dirsync (CSRF check failed). Reload the page and try again.', 403);

export function requireCsrf(config: DashboardConfig): MiddlewareHandler<DashboardEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const form = await c.req.parseBody();
    const token = typeof form._csrf === 'string' ? form._csrf : undefined;
    if (!sameOrigin(c, config.publicOrigin) || !sameSecret(token, c.get('viewer').csrfToken)) return csrfRefused(c);
    await next();
  };
}
