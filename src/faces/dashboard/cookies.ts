import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';

/**
 * Cookie names and flags in one place. Behind HTTPS the __Host- prefix pins a cookie to this host
 * and path and requires Secure, so a sibling subdomain cannot plant or read it.
 */
export function cookieJar(secure: boolean) {
  const name = (base: string) => (secure ? `__Host-${base}` : base);
  const base: CookieOptions = { httpOnly: true, sameSite: 'Lax', path: '/', secure };
  const jar = {
    session: name('dirsync_session'),
    loginCsrf: name('dirsync_login_csrf'),
    flashCookie: name('dirsync_flash'),
    get: (c: Context, cookie: string) => getCookie(c, cookie),
    set: (c: Context, cookie: string, value: string, maxAgeSeconds?: number) =>
      setCookie(c, cookie, value, { ...base, ...(maxAgeSeconds !== undefined && { maxAge: maxAgeSeconds }) }),
    clear: (c: Context, cookie: string) => deleteCookie(c, cookie, { path: '/', secure }),
    /** A one-line notice shown by the next page (post/redirect/get). */
    flash: (c: Context, message: string) => jar.set(c, jar.flashCookie, encodeURIComponent(message), 60),
    takeFlash(c: Context): string | null {
      const value = getCookie(c, jar.flashCookie);
      if (value === undefined) return null;
      jar.clear(c, jar.flashCookie);
      try {
        return decodeURIComponent(value);
      } catch {
        return null;
      }
    },
  };
  return jar;
}

export type CookieJar = ReturnType<typeof cookieJar>;

/** Compares secrets in time independent of where they first differ. */
export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
