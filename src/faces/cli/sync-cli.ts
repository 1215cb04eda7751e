import { randomUUID } from 'node:crypto';
import { MAX_PREVIEW_PAGE, showPreview } from '../../commands/sync/preview.ts';
import { requestSync } from '../../commands/sync/request.ts';
import type { PreviewItem } from '../../core/preview.ts';
import type { RunView } from '../../commands/sync/internal/run-view.ts';
import { QUIET_LIMIT_MS, watchRuns, type WatchEnd } from '../../commands/sync/watch-runs.ts';
import { isFinished } from '../../core/sync.ts';
import type { ProgressEvent } from '../../core/progress.ts';
import { stoppedFollowingText } from '../../presenters/words.ts';
import { runOnce } from '../jobs/worker.ts';
import type { CommandContext } from '../../commands/context.ts';
import { progressBar } from './progress-bar.ts';
import { json } from './render.ts';
import { renderRun } from './render-sync.ts';
import { print, type CliSession } from './session.ts';

/**
 * `dirsync sync <name>|all`: requests the runs, then runs them in this process, or follows them
 * where a server's worker took them. Exit 1 when a run failed.
 */
export async function runSync(input: Record<string, unknown>, session: CliSession): Promise<number> {
  const ctx = await session.context();
  const all = input.all === true;
  const { runs } = await requestSync({ ctx, input: input as Parameters<typeof requestSync>[0]['input'] });
  if (runs.length === 0) {
    print(session, [], () => 'No enabled integration to sync.\n');
    return 0;
  }
  const end = await follow(session, ctx, runs.map((r) => r.run));
  for (const id of end.gone) session.io.stderr(`error: sync #${id} is gone: it was deleted while dirsync followed it\n`);
  const unfinished = end.runs.filter((r) => !isFinished(r.status));
  if (unfinished.length > 0) session.io.stderr(`${stoppedFollowingText(unfinished, QUIET_LIMIT_MS)}\n`);
  // What --json prints is the run itself; the estimate only fed the bar.
  const views: RunView[] = end.runs.map(({ expectedEntries: _, ...view }) => view);
  if (all) print(session, views, () => views.map(renderRun).join('\n'));
  else if (views[0]) session.io.stdout(session.json ? json({ ...(await allFindings(ctx, views[0])), joined: runs[0]!.joined }) : renderRun(views[0]));
  return end.gone.length === 0 && views.every((v) => v.status === 'succeeded') ? 0 : 1;
}

/** A dry run with every one of its findings (what --json prints), read page by page. */
async function allFindings(ctx: CommandContext, view: RunView): Promise<RunView> {
  if (!view.dryRun || view.status !== 'succeeded') return view;
  const items: PreviewItem[] = [];
  for (let offset = 0; ; offset += MAX_PREVIEW_PAGE) {
    const { preview } = await showPreview({ ctx, input: { run: view.run, offset, limit: MAX_PREVIEW_PAGE } });
    items.push(...preview.items);
    if (Math.max(...Object.values(preview.totals)) <= offset + MAX_PREVIEW_PAGE) return { ...view, preview: { totals: preview.totals, items } };
  }
}

/** Runs the requested syncs here, or follows them where another worker runs them. */
async function follow(session: CliSession, ctx: CommandContext, runIds: number[]): Promise<WatchEnd> {
  const owner = `cli:${process.pid}:${randomUUID().slice(0, 8)}`;
  const bar = session.io.stderrIsTty && !session.json ? progressBar(session.io.stderr) : null;
  const expected = new Map<number, number | null>();
  // A run executed here reports its phases as it goes; one executed elsewhere is known by its row.
  const progress = (e: ProgressEvent) => {
    if (e.type === 'sync.progress') bar?.update(e.integration, e.phase, e.entriesRead, expected.get(e.runId) ?? null);
  };
  const end = await watchRuns({
    ctx,
    runIds,
    everyMs: 500,
    onUpdate: ({ runs }) => {
      for (const r of runs) expected.set(r.run, r.expectedEntries);
      const open = runs.find((r) => !isFinished(r.status));
      if (open) bar?.update(open.integration, open.status, open.entriesRead, open.expectedEntries);
    },
    work: async (open) => {
      const ran = await runOnce({ deps: ctx, owner, leaseMs: 60_000, progress, runner: 'cli' }, open);
      bar?.clear();
      return ran !== null;
    },
  });
  bar?.clear();
  return end;
}
