import type { Store } from '../../core/ports.ts';
import { actorKey, type Actor, type Platform } from '../../core/roles.ts';

/** The actor for a chat or web identity: its role in the account, or viewer when it has none. */
export async function resolveActor(store: Store, accountId: string, who: { platform: Platform; id: string; displayName?: string }): Promise<Actor> {
  const role = (await store.roles.roleOf(accountId, actorKey(who))) ?? 'viewer';
  return { platform: who.platform, id: who.id, role, ...(who.displayName && { displayName: who.displayName }) };
}
