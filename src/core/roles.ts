export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PLATFORMS = ['cli', 'web', 'slack', 'teams', 'system'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Who is acting. Chat and web identities are mapped to a role per account before a command runs. */
export interface Actor {
  platform: Platform;
  id: string;
  role: Role;
  /** Human-friendly name for messages; never used for authorization. */
  displayName?: string;
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export function hasRole(actor: Actor, min: Role): boolean {
  return RANK[actor.role] >= RANK[min];
}

/** The stable identity string stored in audit rows and role mappings, e.g. `slack:U024BE7LH`. */
export function actorKey(actor: Pick<Actor, 'platform' | 'id'>): string {
  return `${actor.platform}:${actor.id}`;
}
