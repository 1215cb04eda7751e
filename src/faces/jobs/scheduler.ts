import type { CommandDeps } from '../../commands/context.ts';
import { DELTA_OFF, type ReadMode } from '../../core/delta.ts';
import { reviewWarnings } from '../../commands/alert/review-warnings.ts';
import { expireApprovals } from '../../commands/approval/internal.ts';

const SYSTEM = { platform: 'system' as const, id: 'scheduler', role: 'admin' as const };
/** Delivered notifications are kept this long (what a support question about "the alert from last week" needs). */
const NOTIFICATION_RETENTION_MS = 14 * 86_400_000;

export interface SchedulerOptions {
  deps: CommandDeps;
  intervalMs: number;
  /** On start, a slot missed this recently (a restart) still runs. */
  catchUpMs: number;
}

/**
 * Queues scheduled syncs. Each integration's cron (in its account's time zone) gives slots; the
 * latest slot since the previous tick is requested once. Slots are unique per integration in
 * Postgres (per read mode), so every replica may tick and each slot still runs once. A long
 * outage yields one run per schedule, not one per missed slot. The full schedule's slots read in
 * full; the delta schedule's ask for a delta (a full read runs instead, saying why, without a
 * valid watermark). Both go through the one open run per integration: a delta slot that finds a
 * run queued or running joins it, and a full slot turns a queued delta into a full read.
 */
export function createScheduler(opts: SchedulerOptions) {
  let last: Date | null = null;
  async function tick(now: Date = opts.deps.now()): Promise<number> {
    const since = last ?? new Date(now.getTime() - opts.catchUpMs);
    last = now;
    let queued = 0;
    for (const integration of await opts.deps.store.integrations.schedulable()) {
      // Full first: at a minute both schedules name, the delta joins the full read.
      const schedules: [ReadMode, string][] = [['full', integration.schedule]];
      if (integration.deltaSchedule !== DELTA_OFF) schedules.push(['delta', integration.deltaSchedule]);
      for (const [mode, schedule] of schedules) {
        const slot = latestSlot(opts.deps, schedule, integration.timeZone, since, now);
        if (!slot) continue;
        const { joined } = await opts.deps.store.runs.request({
          accountId: integration.accountId, integrationId: integration.id, trigger: 'schedule', actor: 'system:scheduler', slot, mode, now,
        });
        if (!joined) queued++;
      }
    }
    // Expired approval requests are settled here too, so their cards can be re-rendered; and
    // staging left behind by a worker that died is dropped.
    await opts.deps.store.transaction((tx) => expireApprovals(tx, now));
    await opts.deps.store.sync.sweepStaging();
    // Lingering integrations and expiring certificates: the policy decides whether anyone is told.
    for (const account of await opts.deps.store.accounts.list()) {
      await reviewWarnings({ ctx: { ...opts.deps, now: () => now, actor: SYSTEM, accountId: account.id }, input: {} });
    }
    await opts.deps.store.deliveries.prune(new Date(now.getTime() - NOTIFICATION_RETENTION_MS));
    return queued;
  }
  let timer: ReturnType<typeof setInterval> | null = null;
  return {
    tick,
    start() {
      const run = () => tick().catch((e: unknown) => opts.deps.log.error('scheduler tick failed', { err: e }));
      void run();
      timer = setInterval(run, opts.intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}

function latestSlot(deps: CommandDeps, schedule: string, timeZone: string, after: Date, until: Date): Date | null {
  let slot: Date | null = null;
  try {
    for (let next = deps.cron.nextRuns(schedule, timeZone, 1, after)[0]; next && next <= until; next = deps.cron.nextRuns(schedule, timeZone, 1, next)[0]) {
      slot = next;
    }
  } catch (e) {
    deps.log.error(`invalid schedule "${schedule}"`, { err: e });
  }
  return slot;
}
