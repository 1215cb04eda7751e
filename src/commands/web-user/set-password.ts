import { notFound } from '../../core/errors.ts';
import { webIdentity } from '../../core/web-auth.ts';
import { auditEntry, defineCommand } from '../define-command.ts';
import { LOGIN } from '../internal/words.ts';
import { USERS_DETAILS, withNewPassword } from './internal.ts';

/** `users passwd <login>`: a new password ends every session of the user (a reset after a leak must lock the thief out). */
export const setWebPassword = defineCommand({
  name: 'web_user.set_password',
  summary: 'Setting a dashboard password',
  minRole: 'admin',
  audited: true,
  input: withNewPassword({}),
  face: {
    words: 'users passwd',
    args: [LOGIN],
    options: [{ key: 'password', name: 'password', kind: 'secret', stdinByDefault: true, prompt: 'Password for {login}', help: 'The password: standard input (asked twice, hidden, on a terminal), or --password-env VAR' }],
    summary: "Set a dashboard user's password (signs them out everywhere)",
    details: USERS_DETAILS,
    faces: ['cli'],
  },
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
