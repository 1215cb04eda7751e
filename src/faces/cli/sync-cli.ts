import { randomUUID } from 'node:crypto';
import { requestSync } from '../../commands/sync/request.ts';
import type { RunView } from '../../commands/sync/internal/run-view.ts';
import { syncHistory } from '../../commands/sync/history.ts';
import { QUIET_LIMIT_MS, watchRuns, type WatchEnd } from '../../commands/sync/watch-runs.ts';
import { isFinished } from '../../core/sync.ts';
import type { ProgressEvent } from '../../core/progress.ts';
import { stoppedFollowingText } from '../../presenters/words.ts';
import { runOnce } from '../jobs/worker.ts';
import type { CommandContext } from '../../commands/context.ts';
import { integerFlag, parseFlags, positionals } from './args.ts';
import { progressBar } from './progress-bar.ts';
import { json } from './render.ts';
import { renderHistory, renderRun } from './render-sync.ts';
import { help, print, type CliSession, type Handler } from './session.ts';

export const SYNC_HELP = `Usage: dirsync sync <name> [--accept-drop] [--json]
       dirsync sync all [--json]

Reads the whole directory and brings Postgres in line. New and changed objects are applied at
once; removals, address-type changes and deletions go through the gate: held while any
integration of the account is disabled or in error, waiting for approval above the deletion
threshold, else applied. A request for an integration with a run queued or running joins it.
The CLI runs the sync itself unless a server's worker has already taken it, then follows it.
A progress bar is drawn on stderr when it is a terminal.

  --accept-drop   (admin) let a read with far fewer users than the last good sync proceed;
                  its removals still wait for approval by another admin
  --json          { run, integration, status, durationMs, counts, destructive, blockedBy,
                    approvalRequest, failure, … } (an array for "all")

Exit codes: 0 every run succeeded, 1 a run failed or did not finish, 2 bad input.
`;

export const HISTORY_HELP = `Usage: dirsync history <name> [--limit N] [--before RUN] [--json]\n`;

export const sync: Handler = async (args, session) => {
  const { values, positionals: pos } = parseFlags(args, { 'accept-drop': { type: 'boolean' } }, SYNC_HELP);
  if (values.help) return help(session, SYNC_HELP);
  const [target] = positionals(pos, ['name|all'], SYNC_HELP);
  const ctx = await session.context();
  const input = target === 'all' ? { all: true as const } : { name: target!, acceptDrop: Boolean(values['accept-drop']) };
  const { runs } = await requestSync({ ctx, input });
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
  if (target === 'all') print(session, views, () => views.map(renderRun).join('\n'));
  else if (views[0]) session.io.stdout(session.json ? json({ ...views[0], joined: runs[0]!.joined }) : renderRun(views[0]));
  return end.gone.length === 0 && views.every((v) => v.status === 'succeeded') ? 0 : 1;
};

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
      const ran = await runOnce({ deps: ctx, owner, leaseMs: 60_000, progress }, open);
      bar?.clear();
      return ran !== null;
    },
  });
  bar?.clear();
  return end;
}

export const history: Handler = async (args, session) => {
  const { values, positionals: pos } = parseFlags(args, { limit: { type: 'string' }, before: { type: 'string' } }, HISTORY_HELP);
  if (values.help) return help(session, HISTORY_HELP);
  const [name] = positionals(pos, ['name'], HISTORY_HELP);
  const limit = integerFlag(values.limit as string | undefined, '--limit');
  const beforeId = integerFlag(values.before as string | undefined, '--before');
  const result = await syncHistory({ ctx: await session.context(), input: { name: name!, ...(limit !== undefined && { limit }), ...(beforeId !== undefined && { beforeId }) } });
  print(session, result, () => renderHistory(result.integration, result.runs));
  return 0;
};
