import type { RunRecord } from '../../../core/sync-ports.ts';

/** A run as faces show it (and as `sync --json` prints it). */
export function toRunView(run: RunRecord, integration: string) {
  const duration = run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null;
  return {
    run: run.id,
    integration,
    trigger: run.trigger,
    actor: run.actor,
    runner: run.runner,
    status: run.status,
    queuedAt: run.queuedAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationMs: duration,
    entriesRead: run.entriesRead,
    counts: run.counts,
    destructive: run.destructive,
    blockedBy: run.blockedBy ?? [],
    approvalRequest: run.approvalRequestId,
    duplicates: run.duplicates ?? [],
    failure: run.failure,
    error: run.error,
  };
}

export type RunView = ReturnType<typeof toRunView>;
