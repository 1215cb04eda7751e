import { z } from 'zod';
import { actorKey, type Role } from '../../core/roles.ts';
import { defineCommand } from '../define-command.ts';
import { loadAccount } from '../internal/load.ts';
import { presentWhoAmI } from '../../presenters/whoami.ts';

export interface WhoAmI {
  /** `slack:U024BE7LH`, `web:alice`, `cli:root`. */
  identity: string;
  displayName: string | null;
  role: Role;
  /**
   * Where the role comes from: granted to this identity, the viewer default of anyone without a
   * grant, or the CLI's trust in whoever runs it on the server.
   */
  source: 'granted' | 'default' | 'local';
  grantedBy: string | null;
  grantedAt: string | null;
  account: string;
}

/** `whoami`: who dirsync thinks you are and your role in this account — the first thing to ask when a command is refused. */
export const whoAmI = defineCommand({
  name: 'role.whoami',
  summary: 'Saying who you are',
  minRole: 'viewer',
  audited: false,
  input: z.object({}).default({}),
  face: {
    words: 'whoami',
    summary: 'Who dirsync thinks you are, and your role in this account',
    faces: ['cli', 'chat', 'dashboard'],
    header: true,
    present: presentWhoAmI,
  },
  async run({ ctx }): Promise<WhoAmI> {
    const identity = actorKey(ctx.actor);
    const [account, bindings] = await Promise.all([loadAccount(ctx), ctx.store.roles.list(ctx.accountId)]);
    const binding = bindings.find((b) => b.identity === identity);
    const source = ctx.actor.platform === 'cli' || ctx.actor.platform === 'system' ? 'local' : binding ? 'granted' : 'default';
    return {
      identity,
      displayName: ctx.actor.displayName ?? null,
      role: ctx.actor.role,
      source,
      grantedBy: source === 'granted' ? binding!.grantedBy : null,
      grantedAt: source === 'granted' ? binding!.grantedAt.toISOString() : null,
      account: account.name,
    };
  },
});
