import { z } from 'zod';
import { notFound } from '../../core/errors.ts';
import { webIdentity } from '../../core/web-auth.ts';
import { auditEntry, defineCommand } from '../define-command.ts';
import { keepAnAdmin } from '../role/grant.ts';
import { Login } from './internal.ts';
import { LOGIN } from '../internal/words.ts';

/** `users remove <login>`: the user, their sessions and the role of `web:<login>` go together. */
export const removeWebUser = defineCommand({
  name: 'web_user.remove',
  summary: 'Removing a dashboard user',
  minRole: 'admin',
  audited: true,
  input: z.object({ login: Login }),
  face: { words: 'users remove', args: [LOGIN], summary: 'Remove a dashboard user, end their sessions and role', faces: ['cli'], destructive: true },
  async run({ ctx, input }) {
    return ctx.store.transaction(async (tx) => {
      await tx.roles.lock(ctx.accountId);
      await tx.webUsers.lock(ctx.accountId);
      const sessions = await tx.webSessions.removeForLogin(ctx.accountId, input.login);
      if (!(await tx.webUsers.remove(ctx.accountId, input.login))) throw notFound('dashboard user', input.login);
      const identity = webIdentity(input.login);
      const previous = await tx.roles.revoke(ctx.accountId, identity);
      if (previous === 'admin') await keepAnAdmin(tx.roles.list(ctx.accountId), identity);
      await tx.loginFailures.clearForLogin(ctx.accountId, input.login);
      await tx.audit.record(auditEntry(ctx, 'web_user.remove', identity, { previous, sessions }));
      return { login: input.login, previousRole: previous, sessionsEnded: sessions };
    });
  },
});
