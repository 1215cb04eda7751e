import type { RunView } from '../../commands/sync/internal/run-view.ts';
import { plainText } from '../../presenters/plain-text.ts';
import { presentRun } from '../../presenters/run.ts';
import { blockerNames, byKindText, duplicateWords, membershipCountsText, NOTHING_DESTRUCTIVE, num, objectCountsText, plural, readModeWords, runStatusWords, seconds, triggerWords } from '../../presenters/words.ts';
import { fields, table, when } from './render.ts';

export function renderRun(r: RunView): string {
  // A dry run's findings are worded once, by its presenter.
  if (r.dryRun) return plainText(presentRun(r));
  const head = `${r.integration}: sync #${r.run} ${r.status}${r.durationMs !== null ? ` in ${seconds(r.durationMs)}` : ''} (${triggerWords(r.trigger, r.actor).join('')})\n`;
  if (r.failure) {
    const f = r.failure;
    return (
      `${head}  FAILED at ${f.stage} — ${f.class} / ${f.reason}\n  ${f.message}\n` +
      (f.diagnostic ? `  Diagnostic: ${f.diagnostic}\n` : '') +
      (f.checklist.length ? `  What to check:\n${f.checklist.map((c, i) => `    ${i + 1}. ${c}\n`).join('')}` : '') +
      `  ${NOTHING_DESTRUCTIVE}\n`
    );
  }
  if (r.error) return `${head}  FAILED: ${r.error}\n  ${NOTHING_DESTRUCTIVE}\n`;
  if (!r.counts || !r.destructive) return head;
  const d = r.destructive;
  const lines: [string, string | string[]][] = [
    ['users', objectCountsText(r.counts.users) + (r.counts.skipped ? `; ${plural(r.counts.skipped, 'user')} without a unique id skipped` : '')],
    ['groups', objectCountsText(r.counts.groups)],
    ['memberships', membershipCountsText(r.counts)],
    ['destructive', `${num(d.applied)} applied${d.applied ? ` (${byKindText(d.byKind.applied)})` : ''}`],
  ];
  if (d.held) lines.push(['held', `${num(d.held)} (${byKindText(d.byKind.held)}) while ${blockerNames(r.blockedBy).join('')} disabled or in error`]);
  if (d.awaitingApproval) lines.push(['approval', `${num(d.awaitingApproval)} (${byKindText(d.byKind.awaitingApproval)}) wait for request #${r.approvalRequest}: another admin runs "dirsync approve ${r.approvalRequest}"`]);
  const dups = r.duplicates.map((x) => duplicateWords(x).join(''));
  if (dups.length) lines.push(['duplicates', dups]);
  // Whether --delta was honoured or fell back to a full read, and why: the dry run says it too.
  const mode = readModeWords(r);
  if (mode) lines.push(['read', mode]);
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
      runStatusWords(r),
      seconds(r.durationMs),
      r.counts ? `+${num(r.counts.users.added)} ~${num(r.counts.users.updated)} =${num(r.counts.users.unchanged)}` : '—',
      r.destructive ? `${num(r.destructive.applied)} applied, ${num(r.destructive.held)} held, ${num(r.destructive.awaitingApproval)} awaiting` : '—',
      r.failure ? `${r.failure.class}/${r.failure.reason}` : '',
    ]),
  );
}
