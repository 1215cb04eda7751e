import type { CommandDeps } from '../../commands/context.ts';
import { executeSync } from '../../commands/execute-sync.ts';
import type { ProgressEvent } from '../../core/progress.ts';
import type { RunRecord } from '../../core/sync-ports.ts';

export interface WorkerOptions {
  deps: CommandDeps;
  /** Unique per process: leases name their owner. */
  owner: string;
  concurrency: number;
  leaseMs: number;
  pollMs: number;
  progress?: (event: ProgressEvent) => void;
}

/** Claims one run (optionally among `only`) and executes it; null when there was nothing to claim. */
export async function runOnce(opts: Omit<WorkerOptions, 'concurrency' | 'pollMs'>, only?: number[]): Promise<RunRecord | null> {
  const run = await opts.deps.store.runs.claim(opts.owner, opts.leaseMs, only);
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
    // Unexpected (a database blip, a bug): back to the queue for another attempt at once;
    // executeSync gives up once a run has had MAX_RUN_ATTEMPTS.
    opts.deps.log.error('worker: a run ended without a result; it will be retried', { run: run.id, attempt: run.attempt, err: e });
    await opts.deps.store.runs.release(run.id, opts.owner).catch(() => {});
    return opts.deps.store.runs.get(run.id);
  }
}

/**
 * Workers claim queued runs from Postgres (FOR UPDATE SKIP LOCKED) and renew their lease while
 * they work, so replicas never run one sync twice and a dead worker's run is taken over.
 */
export function startWorker(opts: WorkerOptions): { stop(): Promise<void> } {
  let stopping = false;
  let wake: (() => void) | null = null;
  const loop = async () => {
    while (!stopping) {
      let ran: RunRecord | null = null;
      try {
        ran = await runOnce(opts);
      } catch (e) {
        opts.deps.log.error('worker: a run failed unexpectedly', { err: e });
      }
      if (!ran && !stopping) await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, opts.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  };
  const loops = Array.from({ length: opts.concurrency }, loop);
  return {
    async stop() {
      stopping = true;
      wake?.();
      await Promise.all(loops);
    },
  };
}
