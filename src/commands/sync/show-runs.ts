import { z } from 'zod';
import { PREVIEW_FIRST } from '../../core/preview.ts';
import { defineCommand } from '../define-command.ts';
import { toRunView, type RunView } from './internal/run-view.ts';

export type RunProgress = RunView & {
  /** Entries the last good run read: how far along a running sync is, roughly. */
  expectedEntries: number | null;
};

/** At most this many runs per call; watchRuns reads more in several. */
export const MAX_RUNS_SHOWN = 100;

/** The current state of some runs of this account: what faces poll to show a sync's progress. */
export const showRuns = defineCommand({
  name: 'sync.show_runs',
  summary: 'Showing runs',
  minRole: 'viewer',
  audited: false,
  input: z.object({ ids: z.array(z.number().int().positive()).min(1).max(MAX_RUNS_SHOWN) }),
  async run({ ctx, input }): Promise<RunProgress[]> {
    const views: RunProgress[] = [];
    for (const id of input.ids) {
      const run = await ctx.store.runs.get(id);
      if (!run || run.accountId !== ctx.accountId) continue; // another account's run is not there at all
      // The yardstick is the last good run that read the same way: a delta reads a fraction of a full read.
      const mode = run.mode ?? run.requestedMode ?? undefined;
      const [integration, last] = await Promise.all([ctx.store.integrations.findById(run.integrationId), ctx.store.runs.lastSucceeded(run.integrationId, mode)]);
      // A finished dry run comes with the first of its findings, which is what its message lists.
      const preview = run.dryRun && run.status === 'succeeded' ? await ctx.store.runs.preview(run.id, { offset: 0, limit: PREVIEW_FIRST }) : null;
      views.push({ ...toRunView(run, integration?.name ?? run.integrationId, preview), expectedEntries: last?.entriesRead || null });
    }
    return views;
  },
});
