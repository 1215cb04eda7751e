import { z } from 'zod';
import { CommandError } from '../../core/errors.ts';
import { auditEntry, defineCommand } from '../define-command.ts';
import { keepAnAdmin } from './grant.ts';
import { PERSON } from '../internal/words.ts';
import { Identity, ROLES_DETAILS } from './internal.ts';
import { presentRoleRevoked } from '../../presenters/admin.ts';
import type { Role } from '../../core/roles.ts';

/** `roles revoke <who>`: the identity falls back to viewer, like anyone unknown. */
export interface RoleRevoked {
  identity: string;
  previous: Role;
}

export const revokeRole = defineCommand({
  name: 'role.revoke',
  summary: 'Revoking a role',
  minRole: 'admin',
  audited: true,
  input: z.object({ identity: Identity }),
  face: {
    words: 'roles revoke',
    args: [PERSON],
    summary: "Take a person's role away (they become a viewer)",
    details: ROLES_DETAILS,
    faces: ['cli', 'chat'],
    destructive: true,
    inChannel: true,
    present: presentRoleRevoked,
  },
  async run({ ctx, input }): Promise<RoleRevoked> {
    return ctx.store.transaction(async (tx) => {
      await tx.roles.lock(ctx.accountId);
      const previous = await tx.roles.revoke(ctx.accountId, input.identity);
      if (!previous) throw new CommandError('not_found', `${input.identity} has no role here (without one, everyone is a viewer)`);
      if (previous === 'admin') await keepAnAdmin(tx.roles.list(ctx.accountId), input.identity);
      await tx.audit.record(auditEntry(ctx, 'role.revoke', input.identity, { previous }));
      return { identity: input.identity, previous };
    });
  },
});
