import type { CommandContext, CommandDeps } from '../../commands/context.ts';
import { executeSync } from '../../commands/sync/execute.ts';
import { finishLostRun } from '../../commands/sync/internal/finish-lost-run.ts';
import type { ProgressEvent } from '../../core/progress.ts';
import type { Runner } from '../../core/sync.ts';
import { DatabaseConnectionLost, type RunRecord } from '../../core/sync-ports.ts';

export interface WorkerOptions {
  deps: CommandDeps;
  /** Unique per process: leases name their owner. */
  owner: string;
  concurrency: number;
  /** Recorded on each run it claims (default: server). */
  runner?: Runner;
  leaseMs: number;
  pollMs: number;
  progress?: (event: ProgressEvent) => void;
}

export interface RunOnceOptions extends Omit<WorkerOptions, 'concurrency' | 'pollMs'> {
  /**
   * What to do with a run whose database went away: nothing can be recorded until it answers.
   * A worker waits for it; without this (the CLI) the DatabaseConnectionLost is thrown.
   */
  whenDatabaseLost?: (ctx: CommandContext, lost: DatabaseConnectionLost) => Promise<void>;
}

/** Claims one run (optionally among `only`) and executes it; null when there was nothing to claim. */
export async function runOnce(opts: RunOnceOptions, only?: number[]): Promise<RunRecord | null> {
  const run = await opts.deps.store.runs.claim(opts.owner, opts.leaseMs, only, opts.runner ?? 'server');
  if (!run) return null;
  const ctx = {
    ...opts.deps,
    accountId: run.accountId,
    actor: { platform: 'system' as const, id: `worker:${opts.owner}`, role: 'admin' as const },
    ...(opts.progress && { progress: opts.progress }),
  };
  try {
    return await executeSync({ ctx, input: { runId: run.id, owner: opts.owner, leaseMs: opts.leaseMs } });
  } catch (e) {
    if (e instanceof DatabaseConnectionLost) {
      if (!opts.whenDatabaseLost) throw e;
      await opts.whenDatabaseLost(ctx, e);
      return opts.deps.store.runs.get(run.id).catch(() => null);
    }
    // Unexpected (a bug): back to the queue for another attempt at once;
    // executeSync gives up once a run has had MAX_RUN_ATTEMPTS.
    opts.deps.log.error('worker: a run ended without a result; it will be retried', { run: run.id, attempt: run.attempt, err: e });
    await opts.deps.store.runs.release(run.id, opts.owner).catch(() => {});
    return opts.deps.store.runs.get(run.id);
  }
}

/**
 * Workers claim queued runs from Postgres (FOR UPDATE SKIP LOCKED) and renew their lease while
 * they work, so replicas never run one sync twice and a dead worker's run is taken over. While
 * the database is away they keep polling, and record a run it interrupted once it is back.
 */
export function startWorker(opts: WorkerOptions): { stop(): Promise<void> } {
  let stopping = false;
  let databaseAway = false;
  const wakers = new Set<() => void>();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });
  const whenDatabaseLost = async (ctx: CommandContext, lost: DatabaseConnectionLost) => {
    opts.deps.log.warn(`worker: ${lost.message}`, { run: lost.runId });
    while (!stopping) {
      try {
        await finishLostRun(ctx, lost, opts.owner);
        return;
      } catch (e) {
        if (opts.deps.store.connectionLoss(e) === null) {
          opts.deps.log.error('worker: could not record a run interrupted by the database', { run: lost.runId, err: e });
          return;
        }
      }
      await pause(opts.pollMs);
    }
    // Stopping first: the run stays claimed until its lease expires, then another worker takes it over.
  };
  const loop = async () => {
    while (!stopping) {
      let ran: RunRecord | null = null;
      try {
        ran = await runOnce({ ...opts, whenDatabaseLost });
        if (databaseAway) opts.deps.log.info('worker: the database answers again');
        databaseAway = false;
      } catch (e) {
        const lost = opts.deps.store.connectionLoss(e);
        // Said once per outage, not at every poll.
        if (lost === null) opts.deps.log.error('worker: a run failed unexpectedly', { err: e });
        else if (!databaseAway) opts.deps.log.warn(`worker: the database does not answer (${lost}); polling until it does`);
        databaseAway ||= lost !== null;
      }
      if (!ran && !stopping) await pause(opts.pollMs);
    }
  };
  const loops = Array.from({ length: opts.concurrency }, loop);
  return {
    async stop() {
      stopping = true;
      for (const wake of wakers) wake();
      await Promise.all(loops);
    },
  };
}
