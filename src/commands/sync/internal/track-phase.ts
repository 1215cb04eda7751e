import { DatabaseConnectionLost, type RunOutcome, type RunPhase } from '../../../core/sync-ports.ts';
import type { Lease } from './keep-lease.ts';
import type { RunJob } from './start-run.ts';

export interface PhaseTracker {
  /** The run is now reading, applying or recording; `reached`: the outcome it has by then. */
  enter(phase: RunPhase, reached?: RunOutcome | null): void;
  /** `e` as a DatabaseConnectionLost, naming the phase and outcome, when it means the database went away; else `e`. */
  lost(e: unknown): unknown;
}

/** Where a run is, should its database go away: finishLostRun records it from that. */
export function trackPhase({ ctx, run, integration }: RunJob, lease: Lease): PhaseTracker {
  let phase: RunPhase = 'read';
  let reached: RunOutcome | null = null;
  return {
    enter(next, outcome = null) {
      [phase, reached] = [next, outcome];
    },
    lost(e) {
      const diagnostic = ctx.store.connectionLoss(e);
      if (diagnostic === null) return e;
      return new DatabaseConnectionLost({ runId: run.id, integration: integration.name, phase, diagnostic, outcome: reached && { ...reached, entriesRead: lease.entriesRead } });
    },
  };
}
