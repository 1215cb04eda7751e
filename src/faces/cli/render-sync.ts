import type { RunView } from '../../commands/sync/internal/run-view.ts';
import { CHANGE_KINDS, type ByKind, type ObjectCounts } from '../../core/sync.ts';
import { fields, table, when } from './render.ts';

const byKind = (b: ByKind) => CHANGE_KINDS.filter((k) => b[k] > 0).map((k) => `${k} ${b[k]}`).join(', ');
const objects = (c: ObjectCounts) => `${c.added} added, ${c.updated} updated, ${c.restored} restored, ${c.unchanged} unchanged`;
const seconds = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`);

export function renderRun(r: RunView): string {
  const head = `${r.integration}: sync #${r.run} ${r.status}${r.durationMs !== null ? ` in ${seconds(r.durationMs)}` : ''} (${r.trigger} by ${r.actor})\n`;
  if (r.failure) {
    const f = r.failure;
    return (
      `${head}  FAILED at ${f.stage} — ${f.class} / ${f.reason}\n  ${f.message}\n` +
      (f.diagnostic ? `  Diagnostic: ${f.diagnostic}\n` : '') +
      (f.checklist.length ? `  What to check:\n${f.checklist.map((c, i) => `    ${i + 1}. ${c}\n`).join('')}` : '') +
      '  Nothing destructive was derived from this run.\n'
    );
  }
  if (r.error) return `${head}  FAILED: ${r.error}\n  Nothing destructive was derived from this run.\n`;
  if (!r.counts || !r.destructive) return head;
  const d = r.destructive;
  const lines: [string, string | string[]][] = [
    ['users', objects(r.counts.users) + (r.counts.skipped ? `; ${r.counts.skipped} without a unique id skipped` : '')],
    ['groups', objects(r.counts.groups)],
    ['memberships', `${r.counts.memberships.added} added, ${r.counts.memberships.unchanged} unchanged`],
    ['destructive', `${d.applied} applied${d.applied ? ` (${byKind(d.byKind.applied)})` : ''}`],
  ];
  if (d.held) lines.push(['held', `${d.held} (${byKind(d.byKind.held)}) while ${r.blockedBy.join(', ')} ${r.blockedBy.length === 1 ? 'is' : 'are'} disabled or in error`]);
  if (d.awaitingApproval) lines.push(['approval', `${d.awaitingApproval} (${byKind(d.byKind.awaitingApproval)}) wait for request #${r.approvalRequest}: another admin runs "dirsync approve ${r.approvalRequest}"`]);
  const dups = r.duplicates.map((x) => `${x.address}: owned by ${x.owner}, also claimed by ${x.claimant}`);
  if (dups.length) lines.push(['duplicates', dups]);
  return head + fields(lines);
}

export function renderHistory(integration: string, runs: RunView[]): string {
  if (runs.length === 0) return `${integration} has not been synced yet: dirsync sync ${integration}\n`;
  return table(
    ['RUN', 'STARTED', 'TRIGGER', 'STATUS', 'DURATION', 'USERS', 'DESTRUCTIVE', 'FAILURE'],
    runs.map((r) => [
      `#${r.run}`,
      r.startedAt ? when(r.startedAt) : when(r.queuedAt),
      r.trigger,
      r.status,
      seconds(r.durationMs),
      r.counts ? `+${r.counts.users.added} ~${r.counts.users.updated} =${r.counts.users.unchanged}` : '—',
      r.destructive ? `${r.destructive.applied} applied, ${r.destructive.held} held, ${r.destructive.awaitingApproval} awaiting` : '—',
      r.failure ? `${r.failure.class}/${r.failure.reason}` : '',
    ]),
  );
}
