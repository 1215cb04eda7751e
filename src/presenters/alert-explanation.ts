import type { AlertItem } from '../commands/alert/internal/alert-view.ts';
import { CERTIFICATE_CHECKLIST, daysUntil } from '../core/integration-warnings.ts';
import { blockingAdvice, BLOCKING_REASON, blockingSentence, explanationLines } from './words.ts';

/** What an alert page says: what broke, why, and what to check. */
export interface AlertExplanation {
  headline: string;
  explanation: string[];
  checklist: string[];
}

export function explainAlert(a: AlertItem, now: Date): AlertExplanation {
  const d = a.detail;
  switch (d.kind) {
    case 'failure':
      // The checklist stored with the failure is the one chat showed for it.
      return { headline: `${a.integration}: ${d.failure.class} failure (${d.failure.reason})`, explanation: explanationLines(d.failure), checklist: d.failure.checklist };
    case 'lingering': {
      const w = d.lingering;
      // A resolved warning says how long it lasted, not how long ago it started.
      const ended = a.status === 'resolved' && a.resolvedAt !== null;
      const blocker = { integration: w.integration, state: w.state, since: w.since, blocking: w.blocks.total, integrations: w.blocks.integrations };
      return { headline: blockingSentence(blocker, ended ? new Date(a.resolvedAt!) : now, { ended }).join(''), explanation: [BLOCKING_REASON], checklist: blockingAdvice(w.state) };
    }
    case 'certificate': {
      const c = d.certificate;
      const expired = daysUntil(new Date(c.notAfter), now) < 0;
      return {
        headline: `The LDAPS certificate of ${a.integration} ${expired ? 'expired' : 'expires'} on ${c.notAfter.slice(0, 10)}`,
        explanation: [`Certificate: ${c.subject}. Once it has expired, connections fail and ${a.integration} stops syncing.`],
        checklist: CERTIFICATE_CHECKLIST,
      };
    }
    default: {
      const unknown: never = d;
      throw new Error(`no explanation for alert detail ${JSON.stringify(unknown)}`);
    }
  }
}
