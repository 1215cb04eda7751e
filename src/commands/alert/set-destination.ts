import { z } from 'zod';
import { CommandError } from '../../core/errors.ts';
import { actorKey } from '../../core/roles.ts';
import { auditEntry, defineCommand } from '../define-command.ts';
import { presentAlertDestination } from '../../presenters/admin.ts';

/**
 * `alerts here` sends the account's alerts on this platform to the channel it is said in;
 * `alerts off` stops them there (other platforms keep theirs).
 */
export interface AlertDestinationSet {
  platform: 'slack' | 'teams';
  mode: 'here' | 'off';
  channel: string | null;
}

export const setAlertDestination = defineCommand({
  name: 'alert.set_destination',
  summary: 'Choosing where alerts go',
  minRole: 'admin',
  audited: true,
  input: z.object({ mode: z.enum(['here', 'off']) }),
  face: [
    { words: 'alerts here', fixed: { mode: 'here' }, summary: 'Send alerts to this channel', faces: ['chat'], inChannel: true, present: presentAlertDestination },
    { words: 'alerts off', fixed: { mode: 'off' }, summary: 'Stop sending alerts to this channel', faces: ['chat'], destructive: true, inChannel: true, present: presentAlertDestination },
  ],
  async run({ ctx, input }): Promise<AlertDestinationSet> {
    const origin = ctx.origin;
    if (!origin) throw new CommandError('failed_precondition', '`alerts here|off` is said in a Slack channel or Teams conversation: it has no meaning here');
    const target = input.mode === 'here' ? { channel: origin.channel } : null;
    return ctx.store.transaction(async (tx) => {
      await tx.destinations.set(ctx.accountId, { platform: origin.platform, target, setBy: actorKey(ctx.actor), setAt: ctx.now() });
      await tx.audit.record(auditEntry(ctx, 'alert.set_destination', origin.platform, { mode: input.mode, channel: origin.channel }));
      return { platform: origin.platform, mode: input.mode, channel: input.mode === 'here' ? origin.channel : null };
    });
  },
});
