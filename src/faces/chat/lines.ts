import type { AlertEvent, AlertView, NotificationPayload } from '../../core/alerts.ts';
import type { ApprovalView } from '../../core/sync-ports.ts';
import { age, plural, SNOOZE_DAYS, stateWords } from '../../presenters/words.ts';

/**
 * Lines both chat faces say word for word; only how a person, a time and free text are marked
 * up differs (Slack mrkdwn, Teams Markdown), so each face passes its own.
 */
export interface LineFormat {
  who: (identity: string) => string;
  when: (time: Date | string) => string;
  /** Makes free text (a reason, a resolution, a note) inert in the face's markup. */
  safe: (text: string) => string;
}

function reminderLine(a: AlertView): string {
  const d = a.detail;
  if (d.kind === 'lingering') return `⏰ Still ${stateWords(d.lingering.state)} after ${age(d.lingering.hours * 3_600_000)}; blocking ${plural(d.lingering.blocks.total, 'change')}`;
  if (d.kind === 'certificate') {
    const left = d.certificate.daysLeft;
    return left >= 0 ? `⏰ Now ${plural(left, 'day')} left` : `⏰ Expired ${plural(-left, 'day')} ago`;
  }
  return `⏰ Still failing — seen ${plural(a.count, 'time')}`;
}

/** The line an alert event adds under the alert's message; null for events that only re-render it. */
export function alertThreadLine(alert: AlertView, event: AlertEvent, payload: NotificationPayload, f: LineFormat): string | null {
  switch (event) {
    case 'opened':
    case 'updated':
      return null;
    case 'repeated': {
      const d = alert.detail;
      const run = payload.run ?? (d.kind === 'failure' ? d.run : null);
      const reason = d.kind === 'failure' ? d.failure.reason : (alert.reason ?? alert.kind);
      return `🔁 Failed again${run !== null ? ` in sync #${run}` : ''}: ${f.safe(reason)} — seen ${plural(alert.count, 'time')}`;
    }
    case 'reminder':
      return reminderLine(alert);
    case 'snoozed': {
      const by = payload.by ?? alert.snoozedBy;
      return `💤 Snoozed for ${SNOOZE_DAYS} days${by ? ` by ${f.who(by)}` : ''}${alert.snoozedUntil ? `, until ${f.when(alert.snoozedUntil)}` : ''}`;
    }
    case 'resolved': {
      const resolution = alert.resolution ?? 'no longer seen';
      // "sync #42 succeeded" already names the run.
      const run = payload.run !== undefined && !resolution.includes(`#${payload.run}`) ? ` by sync #${payload.run}` : '';
      return `✅ Resolved: ${f.safe(resolution)}${run}`;
    }
    default: {
      const unknown: never = event;
      throw new Error(`unknown alert event ${String(unknown)}`);
    }
  }
}

/** The first line of a settled approval card, and of the thread reply announcing it; null while pending. */
export function approvalSettledLine(a: ApprovalView, f: LineFormat): string | null {
  const by = a.decidedBy ? f.who(a.decidedBy) : 'someone';
  const at = a.decidedAt ? ` ${f.when(a.decidedAt)}` : '';
  switch (a.status) {
    case 'pending':
      return null;
    case 'approved':
      return `✅ Approved by ${by}${at}`;
    case 'rejected':
      return `❌ Rejected by ${by}${at} — nothing was changed`;
    case 'cancelled':
      return `↩️ Withdrawn by the requester ${by}${at} — nothing was changed`;
    case 'expired':
      return `⌛ Expired ${f.when(a.expiresAt)} — nothing was changed`;
    default: {
      const unknown: never = a.status;
      throw new Error(`unknown approval status ${String(unknown)}`);
    }
  }
}

export interface MoreOptions {
  /** Said after "…and N more", e.g. where to see the rest. */
  hint?: string;
  /** Stop early once the rendered lines reach this size (messages have a size limit too). */
  budget?: number;
}

/**
 * At most `max` rendered items, fewer if they outgrow the budget (`size` measures a line as the
 * face counts it); the rest summed up in a last line, so nobody thinks the list is whole.
 */
export function listWithMore<T>(items: readonly T[], max: number, render: (item: T, index: number) => string, size: (line: string) => number, opts: MoreOptions = {}): string[] {
  const shown: string[] = [];
  let used = 0;
  for (const [i, item] of items.slice(0, max).entries()) {
    const line = render(item, i);
    const n = size(line);
    if (shown.length > 0 && used + n > (opts.budget ?? Infinity)) break;
    shown.push(line);
    used += n;
  }
  const rest = items.length - shown.length;
  return rest > 0 ? [...shown, `…and ${rest} more${opts.hint ? ` — ${opts.hint}` : ''}`] : shown;
}
