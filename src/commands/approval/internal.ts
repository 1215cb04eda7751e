import type { ApprovalEvent, NotificationPayload, Origin } from '../../core/alerts.ts';
import type { Repos } from '../../core/ports.ts';
import type { ApprovalImpact, ApprovalKind, ApprovalStatus } from '../../core/sync.ts';
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

/** A request stays pending this long; then it expires and the change it asked for does not happen. */
export const APPROVAL_TTL_MS = 24 * 3600_000;

// Chat cards are views of approval requests: each change of one queues its notification here,
// in the caller's transaction, so a card is never announced for a request that rolled back.
const announce = (tx: Repos, r: Pick<ApprovalRecord, 'id' | 'accountId'>, event: ApprovalEvent, now: Date, payload: NotificationPayload = {}) =>
  tx.notifications.enqueue({ accountId: r.accountId, subject: 'approval', subjectId: r.id, event, payload, now });

/**
 * Raises the pending request of this kind for the integration, or refreshes the impact of the
 * one already pending; its card is posted (where `origin` says, else the alert channel) or, when
 * the impact changed, updated.
 */
export async function raiseApproval(
  tx: Repos,
  input: { accountId: string; integrationId: string; kind: ApprovalKind; requestedBy: string; impact: ApprovalImpact; runId: number | null; now: Date; origin?: Origin },
): Promise<{ request: ApprovalRecord; created: boolean }> {
  const { origin, ...request } = input;
  const raised = await tx.approvals.ensure({ ...request, expiresAt: new Date(input.now.getTime() + APPROVAL_TTL_MS) });
  if (raised.created) await announce(tx, raised.request, 'created', input.now, origin ? { origin } : {});
  else if (raised.impactChanged) await announce(tx, raised.request, 'updated', input.now);
  return { request: raised.request, created: raised.created };
}

/** Settles a pending request once and re-renders its card; false when it was no longer pending. */
export async function settleApproval(tx: Repos, request: ApprovalRecord, status: Exclude<ApprovalStatus, 'pending'>, by: string, note: string | null, now: Date): Promise<boolean> {
  const settled = await tx.approvals.settle(request.id, status, by, note, now);
  if (settled) await announce(tx, request, 'decided', now, { by });
  return settled;
}

/** Expires every pending request past its time (of one account, or all) and re-renders their cards. */
export async function expireApprovals(tx: Repos, now: Date, accountId?: string): Promise<ApprovalRecord[]> {
  const expired = await tx.approvals.expire(now, accountId);
  for (const r of expired) await announce(tx, r, 'expired', now);
  return expired;
}
