import type { FailureClass } from './failures.ts';
import type { CertificateWarning, LingeringWarning } from './lingering.ts';
import type { RunFailure } from './sync.ts';

/**
 * Alerts: one row per problem, the thing chat messages are views of. A failure alert is keyed by
 * (integration, class); a lingering or certificate warning by integration.
 */
export const ALERT_KINDS = ['failure', 'lingering', 'certificate'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_STATUSES = ['open', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** JSON-safe forms of the warnings (dates as ISO strings), as stored and rendered. */
export type StoredLingering = Omit<LingeringWarning, 'since'> & { since: string };

export type AlertDetail =
  | { kind: 'failure'; run: number; failure: RunFailure }
  | { kind: 'lingering'; lingering: StoredLingering }
  | { kind: 'certificate'; certificate: CertificateWarning; notifiedDaysLeft: number };

export interface AlertRecord {
  id: number;
  accountId: string;
  integrationId: string;
  kind: AlertKind;
  /** Failure alerts only. */
  class: FailureClass | null;
  reason: string | null;
  status: AlertStatus;
  /** How many times the problem was seen (runs that failed, days a warning was repeated). */
  count: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  lastNotifiedAt: Date;
  resolvedAt: Date | null;
  /** Why it was resolved, e.g. "sync #42 succeeded". */
  resolution: string | null;
  snoozedUntil: Date | null;
  snoozedBy: string | null;
  detail: AlertDetail;
}

/**
 * What happened to an alert, as chat shows it: `opened` posts the message; the others update it
 * in place, and all but `updated` also add a line to its thread.
 */
export const ALERT_EVENTS = ['opened', 'repeated', 'reminder', 'updated', 'snoozed', 'resolved'] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

/** `updated`: the impact changed (a later run re-derived the batch); the card is re-rendered. */
export const APPROVAL_EVENTS = ['created', 'updated', 'decided', 'expired'] as const;
export type ApprovalEvent = (typeof APPROVAL_EVENTS)[number];

/** Where a request came from, so its card is posted there (a Slack channel, a Teams conversation). */
export interface Origin {
  platform: 'slack' | 'teams';
  /** Slack channel id; Teams conversation id (its reference is kept in chat_conversations). */
  channel: string;
}

export type NotificationSubject = 'alert' | 'approval';

export interface NotificationPayload {
  origin?: Origin;
  /** Who caused the event (a click on Snooze), for the thread line. */
  by?: string;
  /** The run that repeated or resolved a failure alert. */
  run?: number;
  /** A line for the thread, when the event has more to say than its name. */
  note?: string;
}

export interface NotificationRecord {
  id: number;
  accountId: string;
  subject: NotificationSubject;
  subjectId: number;
  event: AlertEvent | ApprovalEvent;
  payload: NotificationPayload;
  createdAt: Date;
}

export const LINGERING_REMINDER_MS = 24 * 3600_000;
export const SNOOZE_MS = 7 * 24 * 3600_000;
/** Days before expiry at which a certificate warning is repeated in its thread. */
export const CERTIFICATE_MILESTONES = [30, 14, 7, 3, 1, 0] as const;

export type { CertificateWarning, LingeringWarning };

/** What chat renders for an alert: the row and its integration's name. */
export type AlertView = AlertRecord & { integration: string };
