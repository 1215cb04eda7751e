import { z } from 'zod';
import { defineCommand } from '../define-command.ts';
import { presentRoles } from '../../presenters/admin.ts';
import type { RoleBinding } from '../../core/chat-ports.ts';

/** Who holds which role. Open to viewers: knowing whom to ask for an approval is not a secret. */
export interface RoleList {
  bindings: (Omit<RoleBinding, 'grantedAt'> & { grantedAt: string })[];
}

export const listRoles = defineCommand({
  name: 'role.list',
  summary: 'Listing roles',
  minRole: 'viewer',
  audited: false,
  input: z.object({}).default({}),
  face: {
    words: 'roles',
    aliases: ['roles list'],
    summary: 'Who may do what (viewer, operator, admin)',
    faces: ['cli', 'chat'],
    present: presentRoles,
  },
  async run({ ctx }): Promise<RoleList> {
    const bindings = await ctx.store.roles.list(ctx.accountId);
    return { bindings: bindings.map((b) => ({ ...b, grantedAt: b.grantedAt.toISOString() })) };
  },
});
