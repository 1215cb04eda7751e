import { z } from 'zod';
import { actorKey } from '../../core/roles.ts';
import { webIdentity } from '../../core/web-auth.ts';
import { auditEntry, defineCommand } from '../define-command.ts';
import { keepAnAdmin } from '../role/grant.ts';
import { RoleName } from '../role/internal.ts';
import { LOGIN } from '../internal/words.ts';
import { USERS_DETAILS, withNewPassword } from './internal.ts';

/** `users add <login> --role R`: a dashboard user and the role of `web:<login>`, together or not at all. */
export const addWebUser = defineCommand({
  name: 'web_user.add',
  summary: 'Adding a dashboard user',
  minRole: 'admin',
  audited: true,
  input: withNewPassword({ role: RoleName }),
  face: {
    words: 'users add',
    args: [LOGIN],
    options: [{ key: 'role', name: 'role', kind: 'text', value: 'viewer|operator|admin', help: 'The role of web:<login>', required: true }, { key: 'password', name: 'password', kind: 'secret', stdinByDefault: true, prompt: 'Password for {login}', help: 'The password: standard input (asked twice, hidden, on a terminal), or --password-env VAR' }],
    summary: 'Add a dashboard user (at least 12 characters of password)',
    details: USERS_DETAILS,
    faces: ['cli'],
  },
  async run({ ctx, input }) {
    // Hashing is slow on purpose: done before the transaction so no lock waits on it.
    const passwordHash = await ctx.passwords.hash(input.password);
    return ctx.store.transaction(async (tx) => {
      await tx.roles.lock(ctx.accountId);
      await tx.webUsers.lock(ctx.accountId);
      const at = ctx.now();
      await tx.webUsers.insert({ accountId: ctx.accountId, login: input.login, passwordHash, createdAt: at, createdBy: actorKey(ctx.actor) });
      const identity = webIdentity(input.login);
      // The identity may already hold a role (`roles grant`, DIRSYNC_ADMINS): the new one replaces it.
      const previous = await tx.roles.grant(ctx.accountId, { identity, role: input.role, grantedBy: actorKey(ctx.actor), grantedAt: at });
      if (previous === 'admin' && input.role !== 'admin') await keepAnAdmin(tx.roles.list(ctx.accountId), identity);
      await tx.audit.record(auditEntry(ctx, 'web_user.add', identity, { role: input.role, previous }));
      return { login: input.login, role: input.role };
    });
  },
});
