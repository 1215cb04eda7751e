import type { CommandDeps } from '../context.ts';

/**
 * DIRSYNC_ADMINS at start: each identity becomes an admin of the account unless it already is.
 * Audited, so a role that appears "from nowhere" can be traced to the configuration.
 */
export async function seedAdmins(deps: CommandDeps, accountId: string, identities: string[]): Promise<string[]> {
  const granted: string[] = [];
  const at = deps.now();
  await deps.store.transaction(async (tx) => {
    await tx.roles.lock(accountId);
    for (const identity of identities) {
      if ((await tx.roles.roleOf(accountId, identity)) === 'admin') continue;
      const previous = await tx.roles.grant(accountId, { identity, role: 'admin', grantedBy: 'config:DIRSYNC_ADMINS', grantedAt: at });
      await tx.audit.record({ accountId, at, actor: 'config:DIRSYNC_ADMINS', action: 'role.grant', target: identity, outcome: 'ok', detail: { role: 'admin', previous } });
      granted.push(identity);
    }
  });
  return granted;
}
