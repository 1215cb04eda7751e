import type { CommandContext } from '../../commands/context.ts';
import type { RunProgress } from '../../commands/sync/show-runs.ts';
import { QUIET_LIMIT_MS, watchRuns } from '../../commands/sync/watch-runs.ts';
import { isFinished } from '../../core/sync.ts';
import { stoppedFollowingText } from '../../presenters/words.ts';

/**
 * What both chat faces do with the run watcher: show the runs' state in one message, posted
 * (`first`) and then edited whenever a run changed. When following stops on a run that has not
 * moved for hours, the message stays as it was and the log says why.
 */
export async function followChatRuns(
  ctx: CommandContext,
  runIds: number[],
  intervalMs: number,
  show: (runs: RunProgress[], first: boolean) => Promise<unknown>,
): Promise<RunProgress[]> {
  const end = await watchRuns({
    ctx,
    runIds,
    everyMs: intervalMs,
    // Nothing to show of runs that are all gone (their account was deleted).
    onUpdate: async ({ runs, first }) => void (runs.length > 0 && (await show(runs, first))),
  });
  if (end.outcome === 'quiet') ctx.log.info(stoppedFollowingText(end.runs.filter((r) => !isFinished(r.status)), QUIET_LIMIT_MS), { runs: runIds });
  return end.runs;
}
