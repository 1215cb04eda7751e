import { z } from 'zod';
import { CommandError } from '../../core/errors.ts';
import { hashToken, webIdentity } from '../../core/web-auth.ts';
import { defineCommand } from '../define-command.ts';
import { openSession } from './internal.ts';
import { loginActor, withNewPassword } from '../web-user/internal.ts';

const USED =
  'This setup link was already used or has expired. Restart dirsync to print a new one, or add a user with `dirsync users add`.';

/**
 * The one-time setup link: creates the first admin and signs them in. Run as the anonymous web
 * viewer; the link itself is the authority, and only while the account has no dashboard user.
 */
export const completeSetup = defineCommand({
  name: 'session.complete_setup',
  summary: 'Creating the first dashboard admin',
  minRole: 'viewer',
  audited: true,
  auditActor: loginActor,
  input: withNewPassword({ token: z.string().min(1).max(200) }),
  async run({ ctx, input }) {
    const passwordHash = await ctx.passwords.hash(input.password);
    const tokenHash = await hashToken(input.token);
    return ctx.store.transaction(async (tx) => {
      await tx.roles.lock(ctx.accountId);
      // Two tabs submitting at once: the second waits here, then finds a user and the token gone.
      await tx.webUsers.lock(ctx.accountId);
      if ((await tx.webUsers.count(ctx.accountId)) > 0 || !(await tx.setupTokens.consume(ctx.accountId, tokenHash, ctx.now()))) {
        throw new CommandError('failed_precondition', USED);
      }
      const identity = webIdentity(input.login);
      const at = ctx.now();
      await tx.webUsers.insert({ accountId: ctx.accountId, login: input.login, passwordHash, createdAt: at, createdBy: 'setup-link' });
      await tx.roles.grant(ctx.accountId, { identity, role: 'admin', grantedBy: 'setup-link', grantedAt: at });
      return openSession(tx, ctx, input.login, 'admin', 'session.complete_setup');
    });
  },
});
