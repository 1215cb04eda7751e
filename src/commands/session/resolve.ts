import type { Actor } from '../../core/roles.ts';
import { hashToken, SESSION_IDLE_MS, SESSION_TOUCH_MS, webIdentity, type WebSessionView } from '../../core/web-auth.ts';
import type { CommandDeps } from '../context.ts';

/**
 * The person behind a session cookie, with their role as it is now (a revoked role applies at
 * once), or null when the session is unknown, ended or of another account.
 */
export async function resolveSession(deps: CommandDeps, accountId: string, token: string): Promise<{ actor: Actor; session: WebSessionView } | null> {
  if (!token) return null;
  const tokenHash = await hashToken(token);
  const session = await deps.store.webSessions.get(tokenHash);
  if (!session || session.accountId !== accountId) return null;
  const now = deps.now();
  if (now >= session.idleExpiresAt || now >= session.expiresAt) {
    await deps.store.webSessions.remove(tokenHash);
    return null;
  }
  // Sliding expiry, written at most once a minute rather than on every request.
  if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_MS) {
    const idle = Math.min(now.getTime() + SESSION_IDLE_MS, session.expiresAt.getTime());
    await deps.store.webSessions.touch(tokenHash, now, new Date(idle));
  }
  const role = (await deps.store.roles.roleOf(accountId, webIdentity(session.login))) ?? 'viewer';
  return {
    actor: { platform: 'web', id: session.login, role, displayName: session.login },
    session: { login: session.login, role, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() },
  };
}
