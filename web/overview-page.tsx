import type { FC } from 'hono/jsx';
import { blockingSentence, num, plural, stateWords } from '../src/presenters/words.ts';
import type { Overview, OverviewRow } from '../src/commands/account/show-overview.ts';
import { relative, when } from './format.ts';
import { ActionButton, can, Layout, type Viewer } from './layout.tsx';
import { Badge, countsText } from './runs.tsx';

const Row: FC<{ row: OverviewRow; timeZone: string; now: Date }> = ({ row, timeZone, now }) => (
  <article class="card" data-integration={row.name}>
    <h2>
      <a href={`/integrations/${row.name}`}>{row.name}</a>
      <Badge status={row.state} label={stateWords(row.state)} />
    </h2>
    <dl>
      <dt>Kind</dt>
      <dd>{row.kind.replace('_', ' ')}</dd>
      <dt>Last run</dt>
      <dd>
        {row.lastRun ? (
          <>
            <Badge status={row.lastRun.status} /> <span title={when(row.lastRun.finishedAt ?? row.lastRun.queuedAt, timeZone)}>{relative(row.lastRun.finishedAt ?? row.lastRun.queuedAt, now)}</span>
            <br />
            <span class="muted">{row.lastRun.failure ? `${row.lastRun.failure.class} / ${row.lastRun.failure.reason}` : countsText(row.lastRun)}</span>
          </>
        ) : (
          <span class="muted">never synced</span>
        )}
      </dd>
      <dt>Next run</dt>
      <dd title={row.nextRunAt ? when(row.nextRunAt, timeZone) : undefined}>{row.nextRunAt ? relative(row.nextRunAt, now) : row.state === 'disabled' ? 'not scheduled (disabled)' : '—'}</dd>
      <dt>Held changes</dt>
      <dd>
        {row.held + row.awaitingApproval === 0 ? (
          'none'
        ) : (
          <>
            {row.held > 0 && `${num(row.held)} held${row.blockedBy.length ? ` by ${row.blockedBy.join(', ')}` : ''}`}
            {row.held > 0 && row.awaitingApproval > 0 && '; '}
            {row.awaitingApproval > 0 && `${num(row.awaitingApproval)} awaiting approval`}
          </>
        )}
      </dd>
    </dl>
    {row.stateReason && row.state !== 'enabled' && <p class="muted">{row.stateReason}</p>}
  </article>
);

export const OverviewPage: FC<{ overview: Overview; viewer: Viewer; flash: string | null; now: Date }> = ({ overview, viewer, flash, now }) => (
  <Layout title="Integrations" viewer={viewer} section="overview" flash={flash}>
    {overview.banners.map((b) => (
      <p class="banner" role="alert" data-blocking={b.integration}>
        <a href={`/integrations/${b.integration}`}>{blockingSentence(b, now).join('')}</a>
        {'. Destructive changes wait until it is enabled and syncs cleanly, or it is deleted.'}
      </p>
    ))}
    <div class="toolbar">
      <h1>Integrations</h1>
      {overview.pendingApprovals > 0 && <a href="/approvals">{plural(overview.pendingApprovals, 'approval')} pending</a>}
      {overview.openAlerts > 0 && <a href="/alerts">{plural(overview.openAlerts, 'open alert')}</a>}
      {can(viewer, 'sync.request') && overview.integrations.length > 0 && (
        <ActionButton viewer={viewer} action="/sync-all" label="Sync all" busy="Queueing…" secondary />
      )}
      {can(viewer, 'integration.add') && (
        <a class="button" href="/integrations/new">Add integration</a>
      )}
    </div>
    <p class="muted">{`Account ${overview.account.name} · times in ${overview.account.timeZone}`}</p>
    {overview.integrations.length === 0 ? (
      <p>No integrations yet. {can(viewer, 'integration.add') ? 'Add one to start syncing a directory.' : 'An admin can add one.'}</p>
    ) : (
      <div class="cards">
        {overview.integrations.map((row) => <Row row={row} timeZone={overview.account.timeZone} now={now} />)}
      </div>
    )}
  </Layout>
);
