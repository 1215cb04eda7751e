import type { FC } from 'hono/jsx';
import { explainAlert } from '../src/presenters/alert-explanation.ts';
import { impactText, plural, totalOf } from '../src/presenters/words.ts';
import type { AlertItem } from '../src/commands/alert/internal/alert-view.ts';
import type { ApprovalItem } from '../src/commands/approval/internal.ts';
import type { AuditRecord } from '../src/core/ports.ts';
import { when } from './format.ts';
import { ActionButton, can, Layout, type Viewer } from './layout.tsx';
import { Badge } from './runs.tsx';

const subject = (a: ApprovalItem) =>
  a.kind === 'delete_integration' ? `Delete integration ${a.integration}` : `Apply ${totalOf(a.impact.byKind)} destructive changes to ${a.integration}`;

export const Approval: FC<{ a: ApprovalItem; viewer: Viewer; timeZone: string }> = ({ a, viewer, timeZone }) => (
  <article class="card" data-approval={a.id} data-status={a.status}>
    <h2>
      <span>{`#${a.id} · ${subject(a)}`}</span>
      <Badge status={a.status} />
    </h2>
    <p>{`Impact: ${impactText(a.impact)}.`} <a href={`/approvals/${a.id}`}>{`Who it touches (#${a.id})`}</a></p>
    <p class="muted">
      {`Requested by ${a.requestedBy}, ${when(a.requestedAt, timeZone)}. `}
      {a.status === 'pending' ? `Expires ${when(a.expiresAt, timeZone)}.` : a.decidedBy ? `${a.status === 'approved' ? 'Approved' : 'Rejected'} by ${a.decidedBy}, ${when(a.decidedAt, timeZone)}.` : `${a.status[0]!.toUpperCase()}${a.status.slice(1)} ${when(a.decidedAt, timeZone)}.`}
    </p>
    {a.note && <p>{`Note: ${a.note}`}</p>}
    {a.status === 'pending' && (a.requestedBy === `web:${viewer.login}` ? (
      <div class="toolbar">
        <span class="muted">Another admin must approve your own request (four eyes).</span>
        <ActionButton viewer={viewer} action={`/approvals/${a.id}/reject`} label="Withdraw" secondary />
      </div>
    ) : can(viewer, 'approval.approve') && (
      <div class="toolbar">
        <ActionButton viewer={viewer} action={`/approvals/${a.id}/approve`} label="Approve" danger busy="Approving…" confirm={`${subject(a)}? This cannot be undone.`} />
        <ActionButton viewer={viewer} action={`/approvals/${a.id}/reject`} label="Reject" secondary />
      </div>
    ))}
  </article>
);

export const ApprovalsPage: FC<{ viewer: Viewer; list: { pending: ApprovalItem[]; decided: ApprovalItem[]; nextBeforeId: number | null }; timeZone: string; flash: string | null }> = ({ viewer, list, timeZone, flash }) => (
  <Layout title="Approvals" viewer={viewer} section="approvals" flash={flash}>
    <h1>Approvals</h1>
    <p class="muted">Deletions and mass changes wait here for a second admin: the requester cannot approve their own request.</p>
    <h2>Pending</h2>
    {list.pending.length ? <div class="cards">{list.pending.map((a) => <Approval a={a} viewer={viewer} timeZone={timeZone} />)}</div> : <p>Nothing waits for approval.</p>}
    <h2>Decided</h2>
    {list.decided.length ? <div class="cards">{list.decided.map((a) => <Approval a={a} viewer={viewer} timeZone={timeZone} />)}</div> : <p>No decisions yet.</p>}
    {list.nextBeforeId && <p class="pager"><a href={`/approvals?before=${list.nextBeforeId}`}>Older decisions →</a></p>}
  </Layout>
);

const Alert: FC<{ a: AlertItem; timeZone: string; now: Date }> = ({ a, timeZone, now }) => {
  const said = explainAlert(a, now);
  return (
    <article class="card" data-alert={a.id} data-status={a.status}>
      <h2>
        <span>{said.headline}</span>
        <Badge status={a.status} />
      </h2>
      {said.explanation.map((line) => <p>{line}</p>)}
      {a.status !== 'resolved' && said.checklist.length > 0 && (
        <>
          <h3>What to check</h3>
          <ol class="checklist">{said.checklist.map((c) => <li>{c}</li>)}</ol>
        </>
      )}
      <p class="muted">
        {`Opened ${when(a.firstSeenAt, timeZone)}; seen ${plural(a.count, 'time')}, last ${when(a.lastSeenAt, timeZone)}.`}
        {a.resolvedAt && ` Resolved ${when(a.resolvedAt, timeZone)}.`}
        {a.snoozedUntil && ` Snoozed by ${a.snoozedBy} until ${when(a.snoozedUntil, timeZone)}.`}
      </p>
      {!a.integrationDeleted && <p><a href={`/integrations/${a.integration}`}>{`Open ${a.integration}`}</a></p>}
    </article>
  );
};

export const AlertsPage: FC<{ viewer: Viewer; list: { open: AlertItem[]; resolved: AlertItem[]; nextBeforeId: number | null }; timeZone: string; now: Date }> = ({ viewer, list, timeZone, now }) => (
  <Layout title="Alerts" viewer={viewer} section="alerts">
    <h1>Alerts</h1>
    <h2>Open</h2>
    {list.open.length ? <div class="cards">{list.open.map((a) => <Alert a={a} timeZone={timeZone} now={now} />)}</div> : <p>No open alerts.</p>}
    <h2>Resolved</h2>
    {list.resolved.length ? <div class="cards">{list.resolved.map((a) => <Alert a={a} timeZone={timeZone} now={now} />)}</div> : <p>Nothing resolved yet.</p>}
    {list.nextBeforeId && <p class="pager"><a href={`/alerts?before=${list.nextBeforeId}`}>Older alerts →</a></p>}
  </Layout>
);

export interface AuditFilter {
  integration: string;
  actor: string;
  action: string;
}

/** "acceptDrop" → "accept drop": a field name as words. */
const label = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();

/**
 * An audit row's detail as readable fields, in full: nested objects under their parent's name
 * ("failure class: credential"), lists joined, empty values left out. Never raw JSON.
 */
export function auditFields(detail: Record<string, unknown>, prefix = ''): [string, string][] {
  return Object.entries(detail).flatMap(([key, value]): [string, string][] => {
    const name = prefix ? `${prefix} ${label(key)}` : label(key);
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return [];
    if (Array.isArray(value)) return [[name, value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')]];
    if (typeof value === 'object') return auditFields(value as Record<string, unknown>, name);
    return [[name, typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value)]];
  });
}

export const AuditPage: FC<{ viewer: Viewer; entries: AuditRecord[]; filter: AuditFilter; next: string | null; timeZone: string }> = ({ viewer, entries, filter, next, timeZone }) => (
  <Layout title="Audit log" viewer={viewer} section="audit">
    <h1>Audit log</h1>
    <form method="get" action="/audit" class="filters" role="search">
      <div><label for="a-integration">Integration</label><input id="a-integration" name="integration" value={filter.integration} /></div>
      <div><label for="a-actor">Actor</label><input id="a-actor" name="actor" value={filter.actor} placeholder="web:alice" /></div>
      <div><label for="a-action">Action</label><input id="a-action" name="action" value={filter.action} placeholder="sync.request" /></div>
      <div><button type="submit">Filter</button> <a href="/audit">Clear</a></div>
    </form>
    {entries.length === 0 ? <p>No entries match.</p> : (
      <table class="stack audit">
        <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Outcome</th><th scope="col">Detail</th></tr></thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              <td>{when(e.at.toISOString(), timeZone)}</td>
              <td><code>{e.actor}</code></td>
              <td>{e.action}</td>
              <td>{e.target ?? ''}</td>
              <td><Badge status={e.outcome === 'ok' ? 'succeeded' : 'failed'} label={e.outcome} /></td>
              <td>
                <ul class="fields">{auditFields(e.detail).map(([name, value]) => <li><span class="muted">{`${name}: `}</span>{value}</li>)}</ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
    {next && <p class="pager"><a href={next}>Older entries →</a></p>}
  </Layout>
);
