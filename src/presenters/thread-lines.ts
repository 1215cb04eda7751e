import type { AlertEvent, AlertView, NotificationPayload } from '../core/alerts.ts';
import type { ApprovalView } from '../core/sync-ports.ts';
import { at, rich, who, type Rich } from './message.ts';
import { durationWords, plural, SNOOZE_DAYS, stateWords } from './words.ts';

function reminderLine(a: AlertView): Rich {
  const d = a.detail;
  if (d.kind === 'lingering') return rich`⏰ Still ${stateWords(d.lingering.state)} after ${durationWords(d.lingering.hours * 3_600_000)}; blocking ${plural(d.lingering.blocks.total, 'change')}`;
  if (d.kind === 'certificate') {
    const left = d.certificate.daysLeft;
    return left >= 0 ? rich`⏰ Now ${plural(left, 'day')} left` : rich`⏰ Expired ${plural(-left, 'day')} ago`;
  }
  return rich`⏰ Still failing — seen ${plural(a.count, 'time')}`;
}

/** The line an alert event adds under the alert's message; null for events that only re-render it. */
export function alertThreadLine(alert: AlertView, event: AlertEvent, payload: NotificationPayload): Rich | null {
  switch (event) {
    case 'opened':
    case 'updated':
      return null;
    case 'repeated': {
      const d = alert.detail;
      const run = payload.run ?? (d.kind === 'failure' ? d.run : null);
      const reason = d.kind === 'failure' ? d.failure.reason : (alert.reason ?? alert.kind);
      return rich`🔁 Failed again${run !== null && ` in sync #${run}`}: ${reason} — seen ${plural(alert.count, 'time')}`;
    }
    case 'reminder':
      return reminderLine(alert);
    case 'snoozed': {
      const by = payload.by ?? alert.snoozedBy;
      return rich`💤 Snoozed for ${SNOOZE_DAYS} days${by && rich` by ${who(by)}`}${alert.snoozedUntil && rich`, until ${at(alert.snoozedUntil)}`}`;
    }
    case 'resolved': {
      const resolution = alert.resolution ?? 'no longer seen';
      // "sync #42 succeeded" already names the run.
      const run = payload.run !== undefined && !resolution.includes(`#${payload.run}`) ? ` by sync #${payload.run}` : '';
      return rich`✅ Resolved: ${resolution}${run}`;
    }
    default: {
      const unknown: never = event;
      throw new Error(`unknown alert event ${String(unknown)}`);
    }
  }
}

/** The first line of a settled approval card, and of the thread reply announcing it; null while pending. */
export function approvalSettledLine(a: ApprovalView): Rich | null {
  const by = a.decidedBy ? who(a.decidedBy) : 'someone';
  const when = a.decidedAt && rich` ${at(a.decidedAt)}`;
  switch (a.status) {
    case 'pending':
      return null;
    case 'approved':
      return rich`✅ Approved by ${by}${when}`;
    case 'rejected':
      return rich`❌ Rejected by ${by}${when} — nothing was changed`;
    case 'cancelled':
      return rich`↩️ Withdrawn by the requester ${by}${when} — nothing was changed`;
    case 'expired':
      return rich`⌛ Expired ${at(a.expiresAt)} — nothing was changed`;
    default: {
      const unknown: never = a.status;
      throw new Error(`unknown approval status ${String(unknown)}`);
    }
  }
}
