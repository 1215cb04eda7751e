import { Cron } from 'croner';
import type { CronPort } from '../../core/ports.ts';

export const cronerPort: CronPort = {
  check(expression, timeZone) {
    try {
      const job = new Cron(expression, { timezone: timeZone, paused: true });
      if (!job.nextRun()) return `"${expression}" never fires`;
      return null;
    } catch (e) {
      return `"${expression}" is not a valid schedule: ${(e as Error).message.replace(/\.+$/, '')}. Use cron syntax, e.g. "0 8,13,23 * * *" (08:00, 13:00 and 23:00)`;
    }
  },
  nextRuns(expression, timeZone, count, from) {
    return new Cron(expression, { timezone: timeZone, paused: true }).nextRuns(count, from);
  },
};
