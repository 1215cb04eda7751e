import type { AlertPlan } from '../../../core/alert-policy.ts';
import type { Repos } from '../../../core/ports.ts';

/**
 * Writes what the alert policy decided, and the notification for each change, in the caller's
 * transaction: an alert row and its chat message never disagree about whether it happened.
 */
export async function recordAlerts(tx: Repos, accountId: string, plans: AlertPlan[], now: Date): Promise<void> {
  for (const plan of plans) {
    if (plan.op === 'open') {
      const alert = await tx.alerts.insert({ accountId, ...plan.alert, now });
      await tx.notifications.enqueue({ accountId, subject: 'alert', subjectId: alert.id, event: 'opened', payload: plan.payload, now });
    } else {
      await tx.alerts.update(plan.id, plan.patch);
      if (plan.event) await tx.notifications.enqueue({ accountId, subject: 'alert', subjectId: plan.id, event: plan.event, payload: plan.payload, now });
    }
  }
}
