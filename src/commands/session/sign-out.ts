import { z } from 'zod';
import { hashToken, webIdentity } from '../../core/web-auth.ts';
import { auditEntry, defineCommand } from '../define-command.ts';

/** Ends the session whose cookie this is; signing out twice is not an error. */
export const signOut = defineCommand({
  name: 'session.sign_out',
  summary: 'Signing out',
  minRole: 'viewer',
  audited: true,
  input: z.object({ token: z.string().min(1).max(200) }),
  async run({ ctx, input }) {
    return ctx.store.transaction(async (tx) => {
      const ended = await tx.webSessions.remove(await hashToken(input.token));
      await tx.audit.record(auditEntry(ctx, 'session.sign_out', ctx.actor.platform === 'web' ? webIdentity(ctx.actor.id) : null, { ended }));
      return { signedOut: ended };
    });
  },
});
