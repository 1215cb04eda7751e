import { z } from 'zod';
import { webIdentity } from '../../core/web-auth.ts';
import { defineCommand } from '../define-command.ts';

/** Dashboard users with their roles (null: no binding, so a viewer). Admins only: it lists who can sign in. */
export const listWebUsers = defineCommand({
  name: 'web_user.list',
  summary: 'Listing dashboard users',
  minRole: 'admin',
  audited: false,
  input: z.object({}).default({}),
  face: { words: 'users', aliases: ['users list'], summary: 'Dashboard sign-in: logins and their roles', faces: ['cli'] },
  async run({ ctx }) {
    const [users, bindings] = await Promise.all([ctx.store.webUsers.list(ctx.accountId), ctx.store.roles.list(ctx.accountId)]);
    const roles = new Map(bindings.map((b) => [b.identity, b.role]));
    return {
      users: users.map((u) => ({ login: u.login, role: roles.get(webIdentity(u.login)) ?? null, createdAt: u.createdAt.toISOString(), createdBy: u.createdBy })),
    };
  },
});
