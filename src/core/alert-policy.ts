import {
  CERTIFICATE_MILESTONES,
  LINGERING_REMINDER_MS,
  type AlertDetail,
  type AlertEvent,
  type AlertKind,
  type AlertRecord,
  type CertificateWarning,
  type LingeringWarning,
  type NotificationPayload,
  type StoredLingering,
} from './alerts.ts';
import { STATE_CHANGING_CLASSES, type FailureClass } from './failures.ts';
import type { IntegrationState } from './integration.ts';
import type { RunFailure, RunStatus } from './sync.ts';

/**
 * The alert policy shared by every chat platform: one alert per problem, repeated in place,
 * resolved by the evidence that it is gone. Pure: it reads rows and returns what to write.
 */
export type AlertPlan =
  | {
      op: 'open';
      alert: { integrationId: string; kind: AlertKind; class: FailureClass | null; reason: string | null; detail: AlertDetail };
      payload: NotificationPayload;
    }
  | {
      op: 'update';
      id: number;
      patch: Partial<Pick<AlertRecord, 'reason' | 'detail' | 'count' | 'lastSeenAt' | 'lastNotifiedAt' | 'status' | 'resolvedAt' | 'resolution'>>;
      /** null: the row changes, no message does. */
      event: AlertEvent | null;
      payload: NotificationPayload;
    };

/** The classes that open alerts: those that put an integration in `error`. */
export const ALERTING_CLASSES: readonly FailureClass[] = STATE_CHANGING_CLASSES;

/**
 * After a run: a failure of an alerting class opens the alert for (integration, class) or repeats
 * the open one; a good run resolves every failure alert of the integration. Other failures
 * (directory data, internal errors) are reported by the run itself, not by an alert.
 */
export function decideRunAlerts(input: {
  integrationId: string;
  run: { id: number; status: RunStatus; failure: RunFailure | null };
  open: AlertRecord[];
  now: Date;
}): AlertPlan[] {
  const { run, now } = input;
  const open = input.open.filter((a) => a.kind === 'failure' && a.integrationId === input.integrationId && a.status === 'open');
  if (run.status === 'succeeded') {
    return open.map((a) => resolve(a, `sync #${run.id} succeeded`, now, { run: run.id }));
  }
  const failure = run.failure;
  if (run.status !== 'failed' || !failure || !ALERTING_CLASSES.includes(failure.class)) return [];
  const detail: AlertDetail = { kind: 'failure', run: run.id, failure };
  const same = open.find((a) => a.class === failure.class);
  if (same) {
    return [{ op: 'update', id: same.id, patch: { reason: failure.reason, detail, count: same.count + 1, lastSeenAt: now, lastNotifiedAt: now }, event: 'repeated', payload: { run: run.id } }];
  }
  return [{ op: 'open', alert: { integrationId: input.integrationId, kind: 'failure', class: failure.class, reason: failure.reason, detail }, payload: { run: run.id } }];
}

export interface WarningFacts {
  /** The account's integrations (deleted ones left out: their alerts are resolved). */
  integrations: { id: string; name: string; state: IntegrationState }[];
  lingering: LingeringWarning[];
  certificates: CertificateWarning[];
  /** Every open alert of the account. */
  open: AlertRecord[];
  now: Date;
}

/**
 * The periodic review: lingering integrations are warned about at most once a day (not while
 * snoozed), certificates at 30, 14, 7, 3, 1 and 0 days; warnings whose cause is gone are
 * resolved, and so is every alert of an integration that was deleted.
 */
export function decideWarnings(facts: WarningFacts): AlertPlan[] {
  const { now } = facts;
  const byName = new Map(facts.integrations.map((i) => [i.name, i]));
  const byId = new Map(facts.integrations.map((i) => [i.id, i]));
  const plans: AlertPlan[] = [];
  const open = facts.open.filter((a) => a.status === 'open');
  const handled = new Set<number>();

  for (const alert of open) {
    if (!byId.has(alert.integrationId)) {
      plans.push(resolve(alert, 'the integration was deleted', now));
      handled.add(alert.id);
    }
  }
  for (const warning of facts.lingering) {
    const integration = byName.get(warning.integration);
    if (!integration) continue;
    const lingering: StoredLingering = { ...warning, since: warning.since.toISOString() };
    const alert = open.find((a) => a.kind === 'lingering' && a.integrationId === integration.id);
    if (!alert) {
      plans.push({ op: 'open', alert: { integrationId: integration.id, kind: 'lingering', class: null, reason: warning.state, detail: { kind: 'lingering', lingering } }, payload: {} });
      continue;
    }
    handled.add(alert.id);
    const snoozed = alert.snoozedUntil !== null && alert.snoozedUntil > now;
    const detail: AlertDetail = { kind: 'lingering', lingering };
    if (!snoozed && now.getTime() - alert.lastNotifiedAt.getTime() >= LINGERING_REMINDER_MS) {
      plans.push({ op: 'update', id: alert.id, patch: { detail, reason: warning.state, count: alert.count + 1, lastSeenAt: now, lastNotifiedAt: now }, event: 'reminder', payload: {} });
    } else if (lingeringChanged(alert.detail, lingering)) {
      plans.push({ op: 'update', id: alert.id, patch: { detail, reason: warning.state, lastSeenAt: now }, event: 'updated', payload: {} });
    }
  }
  for (const warning of facts.certificates) {
    const integration = byName.get(warning.integration);
    if (!integration) continue;
    const alert = open.find((a) => a.kind === 'certificate' && a.integrationId === integration.id);
    const detail = (notifiedDaysLeft: number): AlertDetail => ({ kind: 'certificate', certificate: warning, notifiedDaysLeft });
    if (!alert) {
      plans.push({ op: 'open', alert: { integrationId: integration.id, kind: 'certificate', class: null, reason: null, detail: detail(warning.daysLeft) }, payload: {} });
      continue;
    }
    handled.add(alert.id);
    const before = alert.detail.kind === 'certificate' ? alert.detail : null;
    const renewed = before?.certificate.notAfter !== warning.notAfter;
    if (renewed || milestone(warning.daysLeft) < milestone(before?.notifiedDaysLeft ?? Infinity)) {
      plans.push({ op: 'update', id: alert.id, patch: { detail: detail(warning.daysLeft), count: alert.count + 1, lastSeenAt: now, lastNotifiedAt: now }, event: 'reminder', payload: {} });
    } else if (before?.certificate.daysLeft !== warning.daysLeft) {
      plans.push({ op: 'update', id: alert.id, patch: { detail: detail(before?.notifiedDaysLeft ?? warning.daysLeft), lastSeenAt: now }, event: 'updated', payload: {} });
    }
  }
  for (const alert of open) {
    if (handled.has(alert.id) || alert.kind === 'failure') continue;
    const integration = byId.get(alert.integrationId)!;
    const why = alert.kind === 'certificate'
      ? 'the directory now presents a certificate valid for more than 30 days'
      : integration.state === 'enabled'
        ? `${integration.name} is enabled again`
        : `${integration.name} no longer holds back destructive changes`;
    plans.push(resolve(alert, why, now));
  }
  return plans;
}

function resolve(alert: AlertRecord, resolution: string, now: Date, payload: NotificationPayload = {}): AlertPlan {
  return { op: 'update', id: alert.id, patch: { status: 'resolved', resolvedAt: now, resolution, lastSeenAt: now }, event: 'resolved', payload };
}

function lingeringChanged(before: AlertDetail, now: StoredLingering): boolean {
  if (before.kind !== 'lingering') return true;
  const b = before.lingering;
  return b.state !== now.state || b.blocks.total !== now.blocks.total || b.blocks.integrations.join() !== now.blocks.integrations.join();
}

/** The lowest reminder step a number of days falls under (20 → 30, 5 → 7, -2 → 0). */
function milestone(daysLeft: number): number {
  let step = Infinity;
  for (const m of CERTIFICATE_MILESTONES) if (daysLeft <= m) step = m;
  return step;
}
