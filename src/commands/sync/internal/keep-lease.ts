import { LostLease } from '../../../core/sync-ports.ts';
import type { RunJob } from './start-run.ts';

export interface Lease {
  /** Records how far the read is and tells followers; throws LostLease once the run was taken over. */
  progress(phase: 'connecting' | 'users' | 'groups', entriesRead: number): void;
  /** Entries read so far. */
  readonly entriesRead: number;
  /** Ends the renewals: call it on every path. */
  stop(): void;
}

/**
 * Renews the run's lease while it works, with the entries read so far, every third of the lease
 * (between 0.5 and 2 s: often enough for followers, another CLI or the dashboard, to show live
 * progress). A renewal that finds the run taken over makes the next progress throw LostLease; one
 * that fails is logged and the next one tries again.
 */
export function keepLease({ ctx, run, integration, owner }: RunJob, leaseMs: number): Lease {
  let entriesRead = 0;
  let lost = false;
  const renew = setInterval(() => {
    ctx.store.runs.renew(run.id, owner, leaseMs, entriesRead).then(
      (mine) => void (lost ||= !mine),
      (e: unknown) => ctx.log.warn('could not renew a run lease', { run: run.id, err: e }),
    );
  }, Math.max(500, Math.min(2000, Math.floor(leaseMs / 3))));
  return {
    progress(phase, read) {
      entriesRead = read;
      if (lost) throw new LostLease(run.id);
      ctx.progress?.({ type: 'sync.progress', integration: integration.name, runId: run.id, phase, entriesRead: read });
    },
    get entriesRead() {
      return entriesRead;
    },
    stop: () => clearInterval(renew),
  };
}
