import { parseIdentity, type Role } from './roles.ts';

/**
 * Dashboard sign-in: people with a login and a password (scrypt), sessions held in Postgres,
 * failed sign-ins throttled. A web user's role is the role binding of `web:<login>`, as in chat.
 */

export interface WebUser {
  accountId: string;
  login: string;
  createdAt: Date;
  createdBy: string;
}

export interface WebUserRecord extends WebUser {
  /** PasswordHasher output; never the password. */
  passwordHash: string;
}

/** Slow, salted password hashing; the stored string names its own parameters. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** false, never a throw, for a wrong password or a stored string it cannot read. */
  verify(password: string, stored: string): Promise<boolean>;
}

export interface WebSession {
  /** SHA-256 of the cookie's token: a leaked table does not let anyone in. */
  tokenHash: string;
  accountId: string;
  login: string;
  /** Sent back with every form; not a secret at rest (useless without the session cookie). */
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** Slides with use, never past expiresAt. */
  idleExpiresAt: Date;
  /** The absolute end, however active the session. */
  expiresAt: Date;
}

/** What the dashboard knows about the signed-in person. `expiresAt` is the absolute end (the cookie's lifetime). */
export interface WebSessionView {
  login: string;
  role: Role;
  csrfToken: string;
  expiresAt: string;
}

export interface WebUserRepo {
  get(accountId: string, login: string): Promise<WebUserRecord | null>;
  list(accountId: string): Promise<WebUser[]>;
  count(accountId: string): Promise<number>;
  /** Throws CommandError('conflict') when the login exists in the account. */
  insert(user: WebUserRecord): Promise<void>;
  /** false when there is no such user. */
  setPassword(accountId: string, login: string, passwordHash: string, at: Date): Promise<boolean>;
  /** false when there is no such user; the user's sessions go with it. */
  remove(accountId: string, login: string): Promise<boolean>;
  /** Serialises user creation of an account (the first admin is created once). */
  lock(accountId: string): Promise<void>;
}

export interface WebSessionRepo {
  insert(session: WebSession): Promise<void>;
  get(tokenHash: string): Promise<WebSession | null>;
  /** Records use and slides the idle expiry. */
  touch(tokenHash: string, at: Date, idleExpiresAt: Date): Promise<void>;
  remove(tokenHash: string): Promise<boolean>;
  /** Returns how many sessions ended. */
  removeForLogin(accountId: string, login: string): Promise<number>;
  /** Drops sessions past either expiry; returns how many. */
  sweep(now: Date): Promise<number>;
}

export interface SetupTokenRepo {
  /** One live setup link per account: a new one replaces the last. */
  replace(accountId: string, token: { tokenHash: string; createdAt: Date; expiresAt: Date }): Promise<void>;
  /** Deletes the token if it is the account's and not expired; true when it was. Atomic: it works once. */
  consume(accountId: string, tokenHash: string, now: Date): Promise<boolean>;
}

export interface FailureCount {
  count: number;
  /** The oldest failure counted: the limit lifts when it leaves the window. */
  oldest: Date | null;
}

export interface LoginFailureRepo {
  /** Returns the row id, so an attempt turned away by the throttle can take its row back. */
  record(accountId: string, login: string, client: string, at: Date): Promise<number>;
  remove(id: number): Promise<void>;
  /** Failures strictly after `since`. */
  countForLogin(accountId: string, login: string, since: Date): Promise<FailureCount>;
  countForClient(accountId: string, client: string, since: Date): Promise<FailureCount>;
  clearForLogin(accountId: string, login: string): Promise<void>;
  /** Drops failures older than `before` (they no longer count). */
  prune(before: Date): Promise<number>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const SESSION_IDLE_MS = 12 * HOUR;
export const SESSION_MAX_MS = 7 * 24 * HOUR;
/** The idle expiry is written at most this often, not on every request. */
export const SESSION_TOUCH_MS = MINUTE;
export const FAILURE_WINDOW_MS = 15 * MINUTE;
export const MAX_FAILURES_PER_LOGIN = 5;
export const MAX_FAILURES_PER_CLIENT = 30;
export const SETUP_LINK_MS = 24 * HOUR;
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

/** The id part of `web:<login>`, lower-cased; null when it is not a valid login. */
export function normalizeLogin(text: string): string | null {
  const parsed = parseIdentity(`web:${text.trim()}`);
  return parsed ? parsed.id.toLowerCase() : null;
}

export const webIdentity = (login: string) => `web:${login}`;

/** Why a new password is refused, phrased for the person choosing it; null when it is fine. */
export function passwordProblem(password: string, login: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters (a few unrelated words make a good one)`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (new Set(password).size < 4) return 'must not repeat the same few characters';
  // Short logins (`al`) occur in good passwords by chance; longer ones are the password's weak part.
  if (login.length >= 4 && password.toLowerCase().includes(login.toLowerCase())) return 'must not contain the login';
  return null;
}

/** Minutes until a throttled login may try again (at least 1). */
export function retryMinutes(oldest: Date | null, now: Date): number {
  const until = (oldest?.getTime() ?? now.getTime()) + FAILURE_WINDOW_MS - now.getTime();
  return Math.max(1, Math.ceil(until / MINUTE));
}

/** A new session or setup token: 32 random bytes, base64url (cookie- and URL-safe). */
export function newToken(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** base64url without padding. */
export const base64Url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** What is stored instead of a token: its SHA-256, hex. */
export async function hashToken(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Session times for a sign-in at `now`. */
export function sessionTimes(now: Date): Pick<WebSession, 'createdAt' | 'lastSeenAt' | 'idleExpiresAt' | 'expiresAt'> {
  const expiresAt = new Date(now.getTime() + SESSION_MAX_MS);
  return { createdAt: now, lastSeenAt: now, idleExpiresAt: new Date(now.getTime() + SESSION_IDLE_MS), expiresAt };
}
