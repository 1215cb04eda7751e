import type { PreviewPage } from '../../../core/preview.ts';
import type { RunRecord } from '../../../core/sync-ports.ts';

/**
 * A run as faces show it (and as `sync --json` prints it). A dry run's findings come along
 * when the caller loaded them (`preview`): the first few of each section, or all of them.
 */
export function toRunView(run: RunRecord, integration: string, preview: PreviewPage | null = null) {
  const duration = run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null;
  return {
    run: run.id,
    integration,
    trigger: run.trigger,
    actor: run.actor,
    runner: run.runner,
    status: run.status,
    dryRun: run.dryRun,
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
    /** full or delta; null until the run decided (after connecting). */
    mode: run.mode,
    /** Why a full read ran when a delta was asked for. */
    fallbackReason: run.fallbackReason,
    deltaMethod: run.deltaMethod,
    failure: run.failure,
    error: run.error,
    preview,
  };
}

export type RunView = ReturnType<typeof toRunView>;
