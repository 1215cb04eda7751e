import type { AlertView, NotificationSubject } from '../../core/alerts.ts';
import type { Store } from '../../core/ports.ts';
import type { ApprovalView } from '../../core/sync-ports.ts';

export type SubjectView = { subject: 'alert'; alert: AlertView } | { subject: 'approval'; approval: ApprovalView };

/**
 * The current state of what a notification is about. Chat renders from this, not from the
 * event: a card delivered late still shows the truth (an approval decided since, say).
 */
export async function loadSubject(store: Store, accountId: string, subject: NotificationSubject, id: number): Promise<SubjectView | null> {
  const row = subject === 'alert' ? await store.alerts.get(accountId, id) : await store.approvals.get(accountId, id);
  if (!row) return null;
  const integration = (await store.integrations.findById(row.integrationId))?.name ?? '(deleted integration)';
  return subject === 'alert'
    ? { subject, alert: { ...(row as AlertView), integration } }
    : { subject, approval: { ...(row as ApprovalView), integration } };
}
