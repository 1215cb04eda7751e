import { z } from 'zod';
import { CommandError } from '../../core/errors.ts';
import { defineCommand } from '../define-command.ts';
import { presentAlertStatus } from '../../presenters/admin.ts';

/** `alerts`: where this platform's alerts go, as stored (faces add their configured default). */
export interface AlertDestinationStatus {
  platform: 'slack' | 'teams';
  /** Whether someone chose (else the face's configured default applies). */
  stored: boolean;
  channel: string | null;
  setBy: string | null;
  setAt: string | null;
}

export const showAlertDestination = defineCommand({
  name: 'alert.show_destination',
  summary: 'Showing where alerts go',
  minRole: 'viewer',
  audited: false,
  // Asked in a chat channel, the platform is that channel's.
  input: z.object({ platform: z.enum(['slack', 'teams']).optional() }).default({}),
  face: { words: 'alerts', summary: 'Where alerts go on this platform', faces: ['chat'], present: presentAlertStatus },
  async run({ ctx, input }): Promise<AlertDestinationStatus> {
    const platform = input.platform ?? ctx.origin?.platform;
    if (!platform) throw new CommandError('failed_precondition', '`alerts` is asked in a chat channel');
    const d = await ctx.store.destinations.get(ctx.accountId, platform);
    const channel = d?.target && typeof d.target.channel === 'string' ? d.target.channel : null;
    return { platform, stored: d !== null, channel, setBy: d?.setBy ?? null, setAt: d?.setAt.toISOString() ?? null };
  },
});
