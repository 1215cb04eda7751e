import type { FC } from 'hono/jsx';
import { byKindText, DRY_RUN_NOTE, num, plural, readModeWords, RUNNER_WORDS, runNoun, runStatusWords, seconds } from '../src/presenters/words.ts';
import type { RunView } from '../src/commands/sync/internal/run-view.ts';
import { presentCount } from '../src/core/sync.ts';
import type { RunProgress } from '../src/commands/sync/show-runs.ts';
import { relative, when } from './format.ts';

export const Badge: FC<{ status: string; label?: string }> = ({ status, label }) => <span class={`badge s-${status}`}>{label ?? status.replace('_', ' ')}</span>;

/** "1,516 users (3 added, 1 updated), 12 groups": what a run found and changed. */
export function countsText(r: RunView): string {
  if (!r.counts) return '';
  const u = r.counts.users;
  const changed = [u.added && `${num(u.added)} added`, u.updated && `${num(u.updated)} updated`, u.restored && `${num(u.restored)} restored`].filter(Boolean);
  const users = plural(presentCount(u), 'user');
  return `${users}${changed.length ? ` (${changed.join(', ')})` : ''}, ${plural(presentCount(r.counts.groups), 'group')}`;
}

/** What happened to destructive changes in a run: applied, held by the gate, or waiting for approval. */
export function destructiveText(r: RunView): string {
  // A dry run's destructive changes did not happen: its findings page lists them.
  if (!r.destructive || r.dryRun) return '';
  const d = r.destructive;
  const parts = [
    d.applied && `${num(d.applied)} applied (${byKindText(d.byKind.applied)})`,
    d.held && `${num(d.held)} held${r.blockedBy.length ? ` by ${r.blockedBy.join(', ')}` : ''} (${byKindText(d.byKind.held)})`,
    d.awaitingApproval && `${num(d.awaitingApproval)} awaiting approval${r.approvalRequest ? ` (request #${r.approvalRequest})` : ''}`,
  ].filter(Boolean);
  return parts.length ? `Destructive: ${parts.join('; ')}` : '';
}

/** One line for a run in progress or done: the live page shows exactly this text. */
export function progressText(p: RunProgress): string {
  const run = `${runNoun(p.dryRun)} #${p.run}`;
  if (p.status === 'queued') return `${run} is queued; a worker picks it up within seconds.`;
  if (p.status === 'running') {
    const of = p.expectedEntries ? ` of about ${num(p.expectedEntries)}` : '';
    return `${run} running: ${num(p.entriesRead)}${of} entries read…`;
  }
  if (p.status === 'succeeded' && p.dryRun) return `${run} finished in ${seconds(p.durationMs)}: ${countsText(p)}. ${DRY_RUN_NOTE}`;
  if (p.status === 'succeeded') return `${run} succeeded in ${seconds(p.durationMs)}: ${countsText(p)}. ${destructiveText(p)}`.trim();
  if (p.status === 'failed') return `${run} failed${p.failure ? `: ${p.failure.class} / ${p.failure.reason}` : ''}. ${p.failure?.message ?? p.error ?? ''}`.trim();
  return `${run} was cancelled.`;
}

export const RunHistory: FC<{ runs: RunView[]; timeZone: string; now: Date }> = ({ runs, timeZone, now }) => (
  <table class="stack">
    <thead>
      <tr>
        <th scope="col">Run</th>
        <th scope="col">Status</th>
        <th scope="col">Started</th>
        <th scope="col">Duration</th>
        <th scope="col">Result</th>
      </tr>
    </thead>
    <tbody>
      {runs.map((r) => (
        <tr data-run={r.run}>
          <td>{`#${r.run}`}<br /><span class="muted">{r.trigger.replace('_', ' ')} · {r.actor}{r.runner && ` · ${RUNNER_WORDS[r.runner]}`}{readModeWords(r) ? ` · ${readModeWords(r)}` : ''}</span></td>
          <td>
            <Badge status={r.status} label={runStatusWords(r)} />
            {r.dryRun && r.status === 'succeeded' && <><br /><a href={`/runs/${r.run}/preview`}>What it found</a></>}
          </td>
          <td title={when(r.startedAt ?? r.queuedAt, timeZone)}>{relative(r.startedAt ?? r.queuedAt, now)}</td>
          <td>{seconds(r.durationMs)}</td>
          <td>
            {r.failure ? <strong>{`${r.failure.class} / ${r.failure.reason}: `}</strong> : null}
            {r.failure ? r.failure.message : countsText(r)}
            {destructiveText(r) && <><br /><span class="muted">{destructiveText(r)}</span></>}
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);
