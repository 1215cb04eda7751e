import type { CommandContext } from '../../commands/context.ts';
import { showRuns, type RunProgress } from '../../commands/sync/show-runs.ts';

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
/** Watching stops after this long; the run's own alert or history tells the rest. */
const MAX_WATCH_MS = 2 * 3600_000;

/**
 * Reads the runs until every one has finished, calling `changed` with the first state and then
 * whenever the rendering would differ (`key`). The runs may execute on any replica: this only
 * reads their rows. Chat faces use it to edit one progress message in place.
 */
export async function watchRuns(opts: {
  ctx: CommandContext;
  runIds: number[];
  intervalMs: number;
  key: (views: RunProgress[]) => string;
  changed: (views: RunProgress[], first: boolean) => Promise<void>;
}): Promise<RunProgress[]> {
  const read = () => showRuns({ ctx: opts.ctx, input: { ids: opts.runIds } });
  let views = await read();
  let shown = opts.key(views);
  await opts.changed(views, true);
  const deadline = Date.now() + MAX_WATCH_MS;
  while (!views.every((v) => TERMINAL.has(v.status)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs));
    views = await read();
    const next = opts.key(views);
    if (next !== shown) {
      shown = next;
      await opts.changed(views, false);
    }
  }
  return views;
}
