import type { TokenMac } from '../../core/ports.ts';
import { newToken } from '../../core/web-auth.ts';

const PURPOSE = 'dashboard sign-in csrf';
/** As long as the cookie that carries it lives. */
export const LOGIN_CSRF_SECONDS = 3600;
const SHAPE = /^(\d{1,12})\.([\w-]{43})\.([\w-]{43})$/;

/**
 * The CSRF token of the sign-in and setup forms, before there is a session: when it was made, a
 * random nonce, and the server's MAC over both. Without the MAC, anyone able to plant the cookie
 * (a sibling subdomain on plain HTTP) could pair it with a form field of their choosing.
 */
export async function mintLoginCsrf(mac: TokenMac, now: Date): Promise<string> {
  const body = `${Math.floor(now.getTime() / 1000)}.${newToken()}`;
  return `${body}.${await mac.sign(PURPOSE, body)}`;
}

/** Whether this server made the token, less than an hour ago. */
export async function isLoginCsrf(mac: TokenMac, token: string | undefined, now: Date): Promise<boolean> {
  const parts = SHAPE.exec(token ?? '');
  if (!parts) return false;
  const age = now.getTime() / 1000 - Number(parts[1]);
  return age >= 0 && age <= LOGIN_CSRF_SECONDS && (await mac.verify(PURPOSE, `${parts[1]}.${parts[2]}`, parts[3]!));
}
