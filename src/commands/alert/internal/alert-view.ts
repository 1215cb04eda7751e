import type { AlertDetail, AlertRecord } from '../../../core/alerts.ts';
import { BLOCKING_REASON, blockingAdvice, blockingText } from '../../../core/blocking-text.ts';
import { explanationLines } from '../../../core/failures.ts';
import { CERTIFICATE_CHECKLIST, daysUntil } from '../../../core/integration-warnings.ts';
import type { IntegrationRef } from '../../internal/load.ts';

/** What an alert page says: what broke, why, and what to check. */
interface Explained {
  headline: string;
  explanation: string[];
  checklist: string[];
}

function explain(a: AlertRecord, integration: string, now: Date): Explained {
  const d: AlertDetail = a.detail;
  switch (d.kind) {
    case 'failure':
      // The checklist stored with the failure is the one chat showed for it.
      return { headline: `${integration}: ${d.failure.class} failure (${d.failure.reason})`, explanation: explanationLines(d.failure), checklist: d.failure.checklist };
    case 'lingering': {
      const w = d.lingering;
      const blocker = { integration: w.integration, state: w.state, since: new Date(w.since), blocking: w.blocks.total, integrations: w.blocks.integrations };
      // A resolved warning says how long it lasted, not how long ago it started.
      const ended = a.status === 'resolved' && a.resolvedAt !== null;
      return { headline: blockingText(blocker, ended ? a.resolvedAt! : now, { ended }), explanation: [BLOCKING_REASON], checklist: blockingAdvice(w.state) };
    }
    case 'certificate': {
      const c = d.certificate;
      const day = c.notAfter.slice(0, 10);
      const expired = daysUntil(new Date(c.notAfter), now) < 0;
      return {
        headline: `The LDAPS certificate of ${integration} ${expired ? 'expired' : 'expires'} on ${day}`,
        explanation: [`Certificate: ${c.subject}. Once it has expired, connections fail and ${integration} stops syncing.`],
        checklist: CERTIFICATE_CHECKLIST,
      };
    }
    default: {
      const unknown: never = d;
      throw new Error(`no explanation for alert detail ${JSON.stringify(unknown)}`);
    }
  }
}

/** An alert as faces list it (JSON-safe: dates as ISO strings; the stored detail is already). */
export function toAlertItem(a: AlertRecord, integration: IntegrationRef, now: Date) {
  return {
    id: a.id,
    integration: integration.name,
    integrationDeleted: integration.deleted,
    kind: a.kind,
    status: a.status,
    /** Failure alerts: the failure's class and reason (docs/architecture.md#failure-taxonomy). */
    class: a.class,
    reason: a.reason,
    ...explain(a, integration.name, now),
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
