import { z } from 'zod';
import { defineCommand } from '../define-command.ts';

/** `alerts`: where this platform's alerts go, as stored (faces add their configured default). */
export const showAlertDestination = defineCommand({
  name: 'alerts.show',
  summary: 'Showing where alerts go',
  minRole: 'viewer',
  audited: false,
  input: z.object({ platform: z.enum(['slack', 'teams']) }),
  async run({ ctx, input }) {
    const d = await ctx.store.destinations.get(ctx.accountId, input.platform);
    const channel = d?.target && typeof d.target.channel === 'string' ? d.target.channel : null;
    return { platform: input.platform, stored: d !== null, channel, setBy: d?.setBy ?? null, setAt: d?.setAt.toISOString() ?? null };
  },
});
