import { notFound } from '../../core/errors.ts';
import { webIdentity } from '../../core/web-auth.ts';
import { auditEntry, defineCommand } from '../define-command.ts';
import { withNewPassword } from './internal.ts';

/** `users passwd <login>`: a new password ends every session of the user (a reset after a leak must lock the thief out). */
export const setWebPassword = defineCommand({
  name: 'web_user.set_password',
  summary: 'Setting a dashboard password',
  minRole: 'admin',
  audited: true,
  input: withNewPassword({}),
  async run({ ctx, input }) {
    const passwordHash = await ctx.passwords.hash(input.password);
    return ctx.store.transaction(async (tx) => {
      if (!(await tx.webUsers.setPassword(ctx.accountId, input.login, passwordHash, ctx.now()))) {
        throw notFound('dashboard user', input.login);
      }
      const sessions = await tx.webSessions.removeForLogin(ctx.accountId, input.login);
      // The person locked out by failed guesses is usually the one who asked for the reset.
      await tx.loginFailures.clearForLogin(ctx.accountId, input.login);
      await tx.audit.record(auditEntry(ctx, 'web_user.set_password', webIdentity(input.login), { sessions }));
      return { login: input.login, sessionsEnded: sessions };
    });
  },
});
