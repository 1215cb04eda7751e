import { randomUUID } from 'node:crypto';
import { requestSync } from '../../commands/sync/request.ts';
import { toRunView, type RunView } from '../../commands/sync/internal/run-view.ts';
import { runOnce } from '../jobs/worker.ts';
import type { CommandContext } from '../../commands/context.ts';
import { progressBar } from './progress-bar.ts';
import { json } from './render.ts';
import { renderRun } from './render-sync.ts';
import { print, type CliSession } from './session.ts';

const OPEN = new Set(['queued', 'running']);

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
  const views = await follow(session, ctx, runs.map((r) => r.run));
  if (all) print(session, views, () => views.map(renderRun).join('\n'));
  else session.io.stdout(session.json ? json({ ...views[0], joined: runs[0]!.joined }) : renderRun(views[0]!));
  return views.every((v) => v.status === 'succeeded') ? 0 : 1;
}

/** Runs the requested syncs here, or follows them where another worker runs them. */
async function follow(session: CliSession, ctx: CommandContext, runIds: number[]): Promise<RunView[]> {
  const owner = `cli:${process.pid}:${randomUUID().slice(0, 8)}`;
  const bar = session.io.stderrIsTty && !session.json ? progressBar(session.io.stderr) : null;
  const names = new Map<number, string>();
  const estimates = new Map<number, number | null>();
  const learn = async (runId: number, integrationId: string) => {
    if (estimates.has(runId)) return;
    estimates.set(runId, (await ctx.store.runs.lastSucceeded(integrationId))?.entriesRead || null);
    names.set(runId, (await ctx.store.integrations.findById(integrationId))?.name ?? `run #${runId}`);
  };
  const progress = (e: Parameters<NonNullable<CommandContext['progress']>>[0]) => {
    if (e.type === 'sync.progress') bar?.update(e.integration, e.phase, e.entriesRead, estimates.get(e.runId) ?? null);
  };
  const remaining = new Set(runIds);
  while (remaining.size > 0) {
    for (const id of remaining) {
      const run = await ctx.store.runs.get(id);
      if (run) await learn(id, run.integrationId);
    }
    const ran = await runOnce({ deps: ctx, owner, leaseMs: 60_000, progress }, [...remaining]);
    bar?.clear();
    if (ran) {
      if (!OPEN.has(ran.status)) remaining.delete(ran.id);
      continue;
    }
    // Nothing claimable: another worker holds these runs. Follow them.
    for (const id of [...remaining]) {
      const run = await ctx.store.runs.get(id);
      if (!run || !OPEN.has(run.status)) remaining.delete(id);
      else bar?.update(names.get(id) ?? `run #${id}`, run.status, run.entriesRead, estimates.get(id) ?? null);
    }
    if (remaining.size > 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  bar?.clear();
  const views: RunView[] = [];
  for (const id of runIds) {
    const run = (await ctx.store.runs.get(id))!;
    const integration = await ctx.store.integrations.findById(run.integrationId);
    views.push(toRunView(run, integration?.name ?? run.integrationId));
  }
  return views;
}
