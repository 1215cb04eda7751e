import { isFinished } from '../../core/sync.ts';
import type { CommandContext } from '../context.ts';
import { MAX_RUNS_SHOWN, showRuns, type RunProgress } from './show-runs.ts';

/** Following stops once no run has changed for this long; the runs' history tells the rest. */
export const QUIET_LIMIT_MS = 2 * 3_600_000;
/** While nothing changes, reads slow down to this gap (or the caller's own, if longer). */
export const QUIET_GAP_MS = 5_000;

/** The pause before the next read: the caller's pace after a change, doubling while nothing changes. */
export function nextGap(previous: number, changed: boolean, everyMs: number): number {
  return changed ? everyMs : Math.min(previous * 2, Math.max(everyMs, QUIET_GAP_MS));
}

export interface RunUpdate {
  /** Every run asked for that is there, in the order asked. */
  runs: RunProgress[];
  /** Those that read differently from the previous update (all of them in the first). */
  changed: RunProgress[];
  /** Runs asked for that are not there: never were, no longer are, or belong to another account. */
  gone: number[];
  first: boolean;
}

export interface WatchEnd extends Omit<RunUpdate, 'changed' | 'first'> {
  /** finished: every run finished or is gone; quiet: nothing changed for QUIET_LIMIT_MS; stopped: the caller's signal. */
  outcome: 'finished' | 'quiet' | 'stopped';
}

export interface WatchOptions {
  ctx: CommandContext;
  runIds: number[];
  /** The gap between reads while runs change: the face's own pace (a terminal, a chat API's rate limit). */
  everyMs: number;
  /** Called with the first state, then only when a run's state changed or a run went away. */
  onUpdate: (update: RunUpdate) => Promise<void> | void;
  /** Work done between reads (the CLI executes runs nobody has claimed); true when it did some. */
  work?: (open: number[]) => Promise<boolean>;
  signal?: AbortSignal;
}

/**
 * Follows runs until every one has finished, whichever replica executes them: it only reads their
 * rows (through showRuns, so the viewer's account and role apply). The CLI's progress bar, the
 * chat faces' edited message and the dashboard's event stream all follow runs through this.
 */
export async function watchRuns(opts: WatchOptions): Promise<WatchEnd> {
  const ids = [...new Set(opts.runIds)];
  const known = new Map<number, { view: RunProgress; seen: string }>();
  const gone = new Set<number>();
  let gap = opts.everyMs;
  let lastChange = opts.ctx.now().getTime();
  const end = (outcome: WatchEnd['outcome']): WatchEnd => ({ outcome, ...state() });
  const state = () => ({ runs: ids.flatMap((id) => (gone.has(id) ? [] : (known.get(id)?.view ?? []))), gone: ids.filter((id) => gone.has(id)) });
  // Finished runs never change again: only the others are read.
  const isOpen = (id: number) => !gone.has(id) && !isFinished(known.get(id)?.view.status ?? 'queued');
  for (let first = true; ; first = false) {
    const open = ids.filter(isOpen);
    const read = await readRuns(opts.ctx, open);
    const changed: RunProgress[] = [];
    let vanished = false;
    for (const id of open) {
      const view = read.get(id);
      if (!view) {
        gone.add(id);
        vanished = true;
        continue;
      }
      const seen = JSON.stringify(view);
      if (known.get(id)?.seen !== seen) changed.push(view);
      known.set(id, { view, seen });
    }
    const now = opts.ctx.now().getTime();
    const news = first || changed.length > 0 || vanished;
    gap = nextGap(gap, news, opts.everyMs);
    if (news) {
      lastChange = now;
      await opts.onUpdate({ ...state(), changed, first });
    }
    const stillOpen = open.filter(isOpen);
    if (stillOpen.length === 0) return end('finished');
    if (opts.signal?.aborted) return end('stopped');
    if (now - lastChange >= QUIET_LIMIT_MS) return end('quiet');
    if (opts.work && (await opts.work(stillOpen))) continue;
    await sleep(gap, opts.signal);
    if (opts.signal?.aborted) return end('stopped');
  }
}

async function readRuns(ctx: CommandContext, ids: number[]): Promise<Map<number, RunProgress>> {
  const found = new Map<number, RunProgress>();
  for (let i = 0; i < ids.length; i += MAX_RUNS_SHOWN) {
    for (const view of await showRuns({ ctx, input: { ids: ids.slice(i, i + MAX_RUNS_SHOWN) } })) found.set(view.run, view);
  }
  return found;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
