import type { AlertRecord } from '../../../core/alerts.ts';
import type { IntegrationRef } from '../../internal/load.ts';

/** An alert as faces list it (JSON-safe: dates as ISO strings; the stored detail is already); presenters/alert-explanation.ts words it. */
export function toAlertItem(a: AlertRecord, integration: IntegrationRef) {
  return {
    id: a.id,
    integration: integration.name,
    integrationDeleted: integration.deleted,
    kind: a.kind,
    status: a.status,
    /** Failure alerts: the failure's class and reason (docs/architecture.md#failure-taxonomy). */
    class: a.class,
    reason: a.reason,
    /** Runs that failed, or days a warning was repeated. */
    count: a.count,
    firstSeenAt: a.firstSeenAt.toISOString(),
    lastSeenAt: a.lastSeenAt.toISOString(),
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
    resolution: a.resolution,
    snoozedUntil: a.snoozedUntil?.toISOString() ?? null,
    snoozedBy: a.snoozedBy,
    /** Failure: the failing run, stage, message, diagnostic; lingering: counts per kind; certificate: subject, expiry. */
    detail: a.detail,
  };
}

export type AlertItem = ReturnType<typeof toAlertItem>;
