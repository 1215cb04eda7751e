import { z } from 'zod';
import { CommandError } from '../../core/errors.ts';
import { actorKey } from '../../core/roles.ts';
import { auditEntry, defineCommand } from '../define-command.ts';
import { PERSON, ROLE } from '../internal/words.ts';
import { Identity, ROLES_DETAILS, RoleName } from './internal.ts';
import { presentRoleGranted } from '../../presenters/admin.ts';
import type { Role } from '../../core/roles.ts';

/** `roles grant <who> <role>`: sets the role of a chat or web identity in this account. */
export interface RoleGranted {
  identity: string;
  role: Role;
  /** The role it had before, if any. */
  previous: Role | null;
}

export const grantRole = defineCommand({
  name: 'role.grant',
  summary: 'Granting a role',
  minRole: 'admin',
  audited: true,
  input: z.object({ identity: Identity, role: RoleName }),
  face: {
    words: 'roles grant',
    args: [PERSON, ROLE],
    summary: 'Give a person a role in this account',
    details: ROLES_DETAILS,
    faces: ['cli', 'chat'],
    inChannel: true,
    present: presentRoleGranted,
  },
  async run({ ctx, input }): Promise<RoleGranted> {
    return ctx.store.transaction(async (tx) => {
      await tx.roles.lock(ctx.accountId);
      const previous = await tx.roles.grant(ctx.accountId, { identity: input.identity, role: input.role, grantedBy: actorKey(ctx.actor), grantedAt: ctx.now() });
      if (previous === 'admin' && input.role !== 'admin') await keepAnAdmin(tx.roles.list(ctx.accountId), input.identity);
      await tx.audit.record(auditEntry(ctx, 'role.grant', input.identity, { role: input.role, previous }));
      return { identity: input.identity, role: input.role, previous };
    });
  },
});

/** Chat would be left without anyone able to approve: refuse (the CLI can always grant again). */
export async function keepAnAdmin(bindings: Promise<{ role: string }[]>, identity: string): Promise<void> {
  if (!(await bindings).some((b) => b.role === 'admin')) {
    throw new CommandError('failed_precondition', `${identity} is the last admin: grant the admin role to someone else first`);
  }
}
