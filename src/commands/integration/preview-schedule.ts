import { z } from 'zod';
import { defineCommand } from '../define-command.ts';
import { Schedule } from './internal/input.ts';
import { loadAccount } from '../internal/load.ts';

export interface SchedulePreview {
  schedule: string;
  timeZone: string;
  /** The next three times it fires, in the account's time zone (as ISO instants). */
  next: string[];
}

/** What a schedule being typed would do: checked as add and update check it, then its next runs. */
export const previewSchedule = defineCommand({
  name: 'integration.preview_schedule',
  summary: 'Previewing a schedule',
  minRole: 'viewer',
  audited: false,
  input: (ctx) => z.object({ schedule: Schedule(ctx.cron) }),
  async run({ ctx, input }): Promise<SchedulePreview> {
    const account = await loadAccount(ctx);
    const next = ctx.cron.nextRuns(input.schedule, account.timeZone, 3, ctx.now());
    return { schedule: input.schedule, timeZone: account.timeZone, next: next.map((d) => d.toISOString()) };
  },
});
