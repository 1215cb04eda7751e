import type { ApprovalRecord } from '../../core/sync-ports.ts';
import type { IntegrationRef } from '../internal/load.ts';

/** An approval request as faces list it (JSON-safe: dates as ISO strings). */
export function toApprovalItem(a: ApprovalRecord, integration: IntegrationRef) {
  return {
    id: a.id,
    /** The name it had, even once deleted (a later integration may have taken the name since). */
    integration: integration.name,
    integrationDeleted: integration.deleted,
    kind: a.kind,
    status: a.status,
    impact: a.impact,
    requestedBy: a.requestedBy,
    requestedAt: a.requestedAt.toISOString(),
    expiresAt: a.expiresAt.toISOString(),
    decidedBy: a.decidedBy,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    note: a.note,
    /** The run that raised a batch approval. */
    run: a.runId,
  };
}

export type ApprovalItem = ReturnType<typeof toApprovalItem>;
