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

export function hasRole(actor: Pick<Actor, 'role'>, min: Role): boolean {
  return atLeast(actor.role, min);
}

export function atLeast(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min];
}

/** The stable identity string stored in audit rows and role mappings, e.g. `slack:U024BE7LH`. */
export function actorKey(actor: Pick<Actor, 'platform' | 'id'>): string {
  return `${actor.platform}:${actor.id}`;
}

/** Platforms whose people can be given roles (the CLI is a trusted local admin; `system` is dirsync). */
export const ROLE_PLATFORMS = ['slack', 'teams', 'web'] as const;
const IDENTITY = /^(slack|teams|web):([A-Za-z0-9._@-]{1,128})$/;

/** `slack:U024BE7LH`, `teams:<aad object id>`, `web:<login>`; null when it is not one. */
export function parseIdentity(text: string): { platform: (typeof ROLE_PLATFORMS)[number]; id: string } | null {
  const m = IDENTITY.exec(text.trim());
  return m ? { platform: m[1] as (typeof ROLE_PLATFORMS)[number], id: m[2]! } : null;
}
