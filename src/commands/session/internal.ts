import type { Repos } from '../../core/ports.ts';
import type { Role } from '../../core/roles.ts';
import { hashToken, newToken, sessionTimes, webIdentity, type WebSessionView } from '../../core/web-auth.ts';
import type { CommandContext } from '../context.ts';
import { auditEntry } from '../define-command.ts';

export interface SignedIn {
  /** The cookie value; only its hash is stored, so this is the one time it exists in clear. */
  token: string;
  session: WebSessionView;
}

/** A new session for `login` (after a good password or a setup link), audited as that person. */
export async function openSession(tx: Repos, ctx: CommandContext, login: string, role: Role, action: string): Promise<SignedIn> {
  const now = ctx.now();
  const token = newToken();
  const session = { tokenHash: await hashToken(token), accountId: ctx.accountId, login, csrfToken: newToken(), ...sessionTimes(now) };
  await tx.webSessions.insert(session);
  // Sign-ins are rare: sweeping here keeps ended sessions from piling up without a timer.
  await tx.webSessions.sweep(now);
  await tx.loginFailures.clearForLogin(ctx.accountId, login);
  await tx.audit.record({ ...auditEntry(ctx, action, webIdentity(login)), actor: webIdentity(login) });
  return { token, session: { login, role, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() } };
}
