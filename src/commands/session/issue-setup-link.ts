import { hashToken, newToken, SETUP_LINK_MS } from '../../core/web-auth.ts';
import type { CommandDeps } from '../context.ts';

/** True while the account has no dashboard user: the dashboard offers the setup link instead of sign-in. */
export async function setupNeeded(deps: CommandDeps, accountId: string): Promise<boolean> {
  return (await deps.store.webUsers.count(accountId)) === 0;
}

/**
 * A fresh one-time link to create the first admin (any earlier one stops working), or null once
 * the account has a dashboard user. Only the hash is stored: the caller prints the token once.
 */
export async function issueSetupToken(deps: CommandDeps, accountId: string): Promise<{ token: string; expiresAt: Date } | null> {
  if (!(await setupNeeded(deps, accountId))) return null;
  const token = newToken();
  const createdAt = deps.now();
  const expiresAt = new Date(createdAt.getTime() + SETUP_LINK_MS);
  await deps.store.setupTokens.replace(accountId, { tokenHash: await hashToken(token), createdAt, expiresAt });
  return { token, expiresAt };
}
