import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { toCommandError } from '../../core/errors.ts';
import { documentOf } from '../../../web/document.ts';
import { ErrorPage } from '../../../web/error-page.tsx';
import { httpStatus } from '../http/errors.ts';
import type { CookieJar } from './cookies.ts';
import type { DashboardEnv } from './env.ts';


/** Sends a page component's output as a document. */
export const page = (c: Context, node: unknown, status: ContentfulStatusCode = 200) => c.html(documentOf(node), status);

/** A refused or failed command as a page: 403 for a role that cannot act, 404 for an unknown name, 503 without the database, … */
export function problemPage(c: Context<DashboardEnv>, e: unknown) {
  const error = toCommandError(e, c.get('ctx'), `dashboard ${c.req.method} ${c.req.path}`);
  return page(c, ErrorPage({ viewer: c.get('viewer'), error }), httpStatus(error.code));
}

/** Post/redirect/get: the next page shows the outcome once. */
export function done(c: Context, jar: CookieJar, to: string, message: string) {
  jar.flash(c, message);
  return c.redirect(to, 303);
}

/** Runs a state change; a refusal renders as a page, success redirects with a notice. */
export async function act(c: Context<DashboardEnv>, jar: CookieJar, work: () => Promise<{ to: string; message: string }>) {
  try {
    const { to, message } = await work();
    return done(c, jar, to, message);
  } catch (e) {
    return problemPage(c, e);
  }
}
