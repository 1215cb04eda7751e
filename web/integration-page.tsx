import type { FC } from 'hono/jsx';
import { byKindText, durationWords, plural, runNoun, stateWords, watermarkWords } from '../src/presenters/words.ts';
import type { listPending } from '../src/commands/change/list-pending.ts';
import type { RunView } from '../src/commands/sync/internal/run-view.ts';
import type { showIntegration } from '../src/commands/integration/show.ts';
import type { FieldIssue } from '../src/core/errors.ts';
import { nextRunsText, relative, when } from './format.ts';
import { HistoryChart } from './history-chart.tsx';
import { IntegrationForm, type IntegrationFormValues } from './integration-form.tsx';
import { ActionButton, can, Layout, Problem, type Viewer } from './layout.tsx';
import { Badge, RunHistory } from './runs.tsx';
import { TestReportView } from './test-report.tsx';

export type IntegrationDetails = Awaited<ReturnType<typeof showIntegration>>;
export type PendingReport = Awaited<ReturnType<typeof listPending>>;

export interface IntegrationPageProps {
  viewer: Viewer;
  integration: IntegrationDetails;
  runs: RunView[];
  pending: PendingReport;
  /** A run to follow live (after Sync), by its events URL. */
  liveRun: { id: number; dryRun: boolean; events: string; text: string } | null;
  form: { values: IntegrationFormValues; issues: FieldIssue[]; problem: string | null };
  flash: string | null;
  now: Date;
}

const Actions: FC<{ viewer: Viewer; i: IntegrationDetails }> = ({ viewer, i }) => {
  const base = `/integrations/${i.name}`;
  return (
    <div class="toolbar" aria-label="Actions">
      <h1>
        {i.name} <Badge status={i.state} label={stateWords(i.state)} />
      </h1>
      {can(viewer, 'integration.test') && <ActionButton viewer={viewer} action={`${base}/test`} label="Test connection" busy="Testing…" />}
      {can(viewer, 'sync.request') && i.state !== 'disabled' && <ActionButton viewer={viewer} action={`${base}/sync`} label="Sync now" busy="Queueing…" />}
      {can(viewer, 'sync.request') && i.state !== 'disabled' && <ActionButton viewer={viewer} action={`${base}/sync`} fields={{ dryRun: 'yes' }} label="Preview" busy="Reading…" secondary />}
      {can(viewer, i.state === 'disabled' ? 'integration.enable' : 'integration.disable') && (i.state === 'disabled'
        ? <ActionButton viewer={viewer} action={`${base}/enable`} label="Enable" secondary />
        : <ActionButton viewer={viewer} action={`${base}/disable`} label="Disable" secondary confirm={`Disable ${i.name}? While it is disabled, destructive changes are held for the whole account.`} />)}
      {can(viewer, 'integration.request_delete') && <ActionButton viewer={viewer} action={`${base}/delete`} label="Request delete" danger confirm={`Request deletion of ${i.name}? Another admin must approve it.`} />}
    </div>
  );
};

const Pending: FC<{ pending: PendingReport; timeZone: string }> = ({ pending, timeZone }) => {
  if (pending.changes.length === 0 && pending.approvals.length === 0) return <p>No destructive changes are waiting.</p>;
  return (
    <ul>
      {pending.changes.map((c) => (
        <li data-pending={c.status}>
          {c.status === 'held' ? (
            <>
              <strong>{`${plural(c.total, 'change')} held`}</strong>
              {` (${byKindText(c.byKind)}) since ${when(c.since, timeZone)}, blocked by `}
              {c.blockedBy.map((b, n) => (
                <>
                  {n > 0 && ', '}
                  <a href={`/integrations/${b.name}`}>{b.name}</a>
                  {` (${stateWords(b.state as 'enabled')}${b.hours !== null ? ` for ${durationWords(b.hours * 3_600_000)}` : ''})`}
                </>
              ))}
            </>
          ) : (
            <>
              <strong>{`${plural(c.total, 'change')} awaiting approval`}</strong>
              {` (${byKindText(c.byKind)})`}
              {c.approvalRequest && <> in <a href="/approvals">{`request #${c.approvalRequest}`}</a></>}
            </>
          )}
        </li>
      ))}
      {pending.approvals.map((a) => (
        <li>
          <a href="/approvals">{`Request #${a.id}`}</a>
          {`: ${a.kind === 'delete_integration' ? 'delete this integration' : 'apply a batch'}, by ${a.requestedBy}, expires ${when(a.expiresAt, timeZone)}`}
        </li>
      ))}
    </ul>
  );
};

const Configuration: FC<{ i: IntegrationDetails }> = ({ i }) => (
  <dl class="facts">
    <dt>Kind</dt><dd>{i.kind.replace('_', ' ')}</dd>
    <dt>Servers</dt><dd>{i.urls.map((u) => <><code>{u}</code><br /></>)}</dd>
    <dt>Transport</dt><dd>{i.tlsMode}</dd>
    <dt>Bind DN</dt><dd><code>{i.bindDn}</code></dd>
    <dt>Bind password</dt><dd>{i.bindPasswordSet ? 'set' : 'not set'}</dd>
    <dt>Base DNs</dt><dd>{i.baseDns.map((d) => <><code>{d}</code><br /></>)}</dd>
    <dt>User filter</dt><dd><code>{i.userFilter}</code></dd>
    <dt>Group filter</dt><dd><code>{i.groupFilter}</code></dd>
    <dt>Schedule</dt><dd><code>{i.schedule}</code> {i.nextRuns.length > 0 && <span class="muted">{`next: ${i.nextRuns.map((n) => when(n, i.timeZone)).join(' · ')}`}</span>}</dd>
    <dt>Delta schedule</dt><dd><code>{i.deltaSchedule}</code></dd>
    <dt>Watermark</dt><dd>{watermarkWords(i.watermark, (iso) => when(iso, i.timeZone))}</dd>
    <dt>Timeouts</dt><dd>{`connect ${i.connectTimeoutMs / 1000} s, operations ${i.operationTimeoutMs / 1000} s`}</dd>
    <dt>CA certificates</dt><dd>{i.caCertificates.length ? i.caCertificates.map((c) => <>{`${c.subject} (until ${c.notAfter.slice(0, 10)})`}<br /></>) : 'system store only'}</dd>
    <dt>Disabled accounts</dt><dd>{i.acknowledgeDisabled ? 'treated as gone' : 'kept'}</dd>
  </dl>
);

/** The first successful run that finished after a failed test: that test is history then. */
export function overtakenBy(test: { ok: boolean; testedAt: string } | null, runs: RunView[]): RunView | null {
  if (!test || test.ok) return null;
  return runs.find((r) => r.status === 'succeeded' && r.finishedAt !== null && r.finishedAt > test.testedAt) ?? null;
}

/** The last test: its result, unless a sync succeeded since a failed one; then folded away, as history. */
const LastTest: FC<{ i: IntegrationDetails; runs: RunView[] }> = ({ i, runs }) => {
  if (!i.lastTest) return <p>Never tested. Test the connection before the first sync.</p>;
  const report = <TestReportView report={i.lastTest.report} testedAt={when(i.lastTest.testedAt, i.timeZone)} by={i.lastTest.actor} />;
  const good = overtakenBy(i.lastTest, runs);
  if (!good) return report;
  return (
    <details class="history" data-test-overtaken>
      <summary>{`The last test failed (${when(i.lastTest.testedAt, i.timeZone)}), but sync #${good.run} succeeded after it (${when(good.finishedAt!, i.timeZone)}): history, not the current state.`}</summary>
      {report}
    </details>
  );
};

export const IntegrationPage: FC<IntegrationPageProps> = ({ viewer, integration: i, runs, pending, liveRun, form, flash, now }) => (
  <Layout title={i.name} viewer={viewer} section="overview" flash={flash}>
    <p><a href="/">← All integrations</a></p>
    <Actions viewer={viewer} i={i} />
    <p class="muted">{`${stateWords(i.state)} since ${when(i.stateChangedAt, i.timeZone)} (${relative(i.stateChangedAt, now)})${i.stateReason ? ` — ${i.stateReason}` : ''}`}</p>
    {i.warnings.map((w) => <p class="banner">{w}</p>)}
    {liveRun && (
      <section id="sync" aria-labelledby="sync-title">
        <h2 id="sync-title">{`${runNoun(liveRun.dryRun)} #${liveRun.id}`}</h2>
        <div class="progress" data-run-events={liveRun.events} data-state="queued" aria-live="polite">
          <progress aria-label="Sync progress"></progress>
          <p data-run-text>{liveRun.text}</p>
          {/* Only if the page could not refresh its runs by itself (app.js) once the run ended. */}
          <p data-run-more hidden>{liveRun.dryRun ? <a href={`/runs/${liveRun.id}/preview`}>See what it found</a> : <a href={`/integrations/${i.name}`}>Show the updated page</a>}</p>
        </div>
      </section>
    )}
    <h2>Last connection test</h2>
    <LastTest i={i} runs={runs} />
    {/* What a run changes: app.js replaces this with the server's new copy when a live run ends. */}
    <div data-refresh="runs">
      <h2>Pending destructive changes</h2>
      <Pending pending={pending} timeZone={i.timeZone} />
      <h2>Sync history</h2>
      <HistoryChart runs={runs} />
      {runs.length ? <RunHistory runs={runs} timeZone={i.timeZone} now={now} /> : <p>No runs yet.</p>}
    </div>
    <h2>Configuration</h2>
    <Configuration i={i} />
    {can(viewer, 'integration.update') && (
      <section aria-labelledby="edit-title">
        <h2 id="edit-title">Edit configuration</h2>
        {form.problem && <Problem message={form.problem} />}
        <IntegrationForm
          viewer={viewer}
          mode="edit"
          action={`/integrations/${i.name}/edit`}
          values={form.values}
          issues={form.issues}
          passwordSet={i.bindPasswordSet}
          caSummary={i.caCertificates.map((c) => c.subject)}
          schedulePreview={nextRunsText(i.nextRuns, i.timeZone)}
        />
      </section>
    )}
  </Layout>
);
