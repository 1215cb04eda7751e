import type { AlertView, NotificationSubject } from '../../core/alerts.ts';
import type { Store } from '../../core/ports.ts';
import type { ApprovalRecord, ApprovalView, ChangeScope } from '../../core/sync-ports.ts';
import { CHANGES_SHOWN } from '../../presenters/words.ts';

export type SubjectView = { subject: 'alert'; alert: AlertView } | { subject: 'approval'; approval: ApprovalView };

/**
 * The current state of what a notification is about. Chat renders from this, not from the
 * event: a card delivered late still shows the truth (an approval decided since, say).
 */
export async function loadSubject(store: Store, accountId: string, subject: NotificationSubject, id: number): Promise<SubjectView | null> {
  const row = subject === 'alert' ? await store.alerts.get(accountId, id) : await store.approvals.get(accountId, id);
  if (!row) return null;
  const integration = (await store.integrations.findById(row.integrationId))?.name ?? '(deleted integration)';
  if (subject === 'alert') return { subject, alert: { ...(row as AlertView), integration } };
  const approval = row as ApprovalRecord;
  // A pending card names who it touches; a settled one only says what was decided.
  const changes = approval.status === 'pending' ? await store.changes.items(accountId, changeScopeOf(approval), { limit: CHANGES_SHOWN, offset: 0 }) : undefined;
  return { subject, approval: { ...approval, integration, ...(changes && { changes }) } };
}

/** The changes a request covers: its batch, or everything deleting the integration removes. */
export const changeScopeOf = (a: Pick<ApprovalRecord, 'id' | 'kind' | 'integrationId'>): ChangeScope =>
  a.kind === 'delete_integration' ? { deleting: a.integrationId } : { approvalRequestId: a.id };
