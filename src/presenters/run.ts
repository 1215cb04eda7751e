import type { RunView } from '../commands/sync/internal/run-view.ts';
import type { RunProgress } from '../commands/sync/show-runs.ts';
import { classReason, failureGroup } from './failure.ts';
import { at, bold, code, command, fields, flat, group, join, list, message, note, rich, text, who, type Mark, type Message, type Part, type Rich } from './message.ts';
import { previewParts } from './preview.ts';
import { blockerNames, byKindText, duplicateWords, readModeWords, membershipCountsText, NOTHING_DESTRUCTIVE, num, objectCountsText, plural, RUN_MARK, runNoun, seconds, triggerWords, truncate } from './words.ts';

type Progress = RunView & { expectedEntries?: number | null };

function destructiveLines(r: RunView): Rich[] {
  const d = r.destructive!;
  const lines = [rich`${bold('Destructive changes:')} ${num(d.applied)} applied${d.applied > 0 && ` (${byKindText(d.byKind.applied)})`}`];
  if (d.held > 0) {
    const n = r.blockedBy.length;
    const until = n > 0 && rich` while ${blockerNames(r.blockedBy, bold)} disabled or in error: they apply once ${n === 1 ? 'it recovers' : 'they recover'}`;
    lines.push(rich`⏸ ${bold(`${num(d.held)} held`)} (${byKindText(d.byKind.held)})${until}.`);
  }
  if (d.awaitingApproval > 0) {
    const request = r.approvalRequest !== null ? rich` for approval request #${r.approvalRequest}: another admin can approve with ${command(`approve ${r.approvalRequest}`)}` : ' for approval';
    lines.push(rich`🗳 ${bold(`${num(d.awaitingApproval)} wait`)} (${byKindText(d.byKind.awaitingApproval)})${request}.`);
  }
  return lines;
}

function succeeded(r: RunView, title: Rich): Part[] {
  const parts: Part[] = [text(title, { tone: 'good' })];
  if (r.counts) {
    const c = r.counts;
    parts.push(fields([
      ['Users', rich`${objectCountsText(c.users)}${c.skipped > 0 && `; ${plural(c.skipped, 'user')} without a unique id skipped`}`],
      ['Groups', [objectCountsText(c.groups)]],
      ['Memberships', [membershipCountsText(c)]],
    ]));
  }
  // A dry run's destructive changes are listed by name: none of them happened.
  if (r.dryRun) parts.push(...previewParts(r));
  else if (r.destructive) parts.push(text(destructiveLines(r)));
  if (r.duplicates.length > 0) {
    const title = rich`⚠️ ${bold(`${plural(r.duplicates.length, 'address', 'addresses')} claimed by two users`)} (the owner keeps it):`;
    parts.push(list(r.duplicates.map((x) => rich`• ${flat(duplicateWords<Mark>(x, code))}`), { title, max: 15, tone: 'warning' }));
  }
  return parts;
}

/** One sync: its title line first, then what it did or why it failed, then who started it and when. */
function runParts(r: Progress): { summary: Rich; parts: Part[] } {
  const head = rich`${runNoun(r.dryRun)} #${r.run} of ${bold(r.integration)}`;
  const plain = `${runNoun(r.dryRun)} #${r.run} of ${r.integration}`;
  const duration = r.durationMs !== null ? ` in ${seconds(r.durationMs)}` : '';
  const mode = readModeWords(r);
  const by = note(rich`${triggerWords(r.trigger, r.actor, who)} · queued ${at(r.queuedAt)}${r.startedAt && rich` · started ${at(r.startedAt)}`}${mode && ` · ${mode}`}`);
  const error = r.error && `: ${truncate(r.error, 2000)}`;
  switch (r.status) {
    case 'queued':
      return { summary: [`${plain} queued`], parts: [text(rich`${RUN_MARK.queued} ${head} queued`), by] };
    case 'running': {
      const yardstick = r.expectedEntries && ` (the last good sync read ${num(r.expectedEntries)})`;
      return { summary: [`${plain} running`], parts: [text(rich`${RUN_MARK.running} ${head} running — ${plural(r.entriesRead, 'entry', 'entries')} read${yardstick}`), by] };
    }
    case 'succeeded': {
      const open = [(r.destructive?.held ?? 0) > 0 && `${num(r.destructive!.held)} held`, (r.destructive?.awaitingApproval ?? 0) > 0 && `${num(r.destructive!.awaitingApproval)} awaiting approval`].filter(Boolean).join(', ');
      const said = r.dryRun ? `${plain} finished: nothing was changed` : `${plain} succeeded${open && `: ${open}`}`;
      return { summary: [said], parts: [...succeeded(r, rich`${RUN_MARK.succeeded} ${head} succeeded${duration}`), by] };
    }
    case 'failed': {
      const f = r.failure;
      if (f) {
        const title = rich`${RUN_MARK.failed} ${head} failed${duration}`;
        return { summary: [`${plain} failed: ${classReason(f)}`], parts: [failureGroup(f, title, [bold(`Failed at ${f.stage}: ${classReason(f)}`)]), text([NOTHING_DESTRUCTIVE]), by] };
      }
      return { summary: [`${plain} failed`], parts: [text([rich`${RUN_MARK.failed} ${head} failed${duration}${error}`, [NOTHING_DESTRUCTIVE]], { tone: 'bad' }), by] };
    }
    case 'cancelled':
      return { summary: [`${plain} cancelled`], parts: [text(rich`${RUN_MARK.cancelled} ${head} cancelled${error}.`), by] };
    default: {
      const unknown: never = r.status;
      throw new Error(`unknown run status ${String(unknown)}`);
    }
  }
}

/**
 * The in-place progress message of one sync: posted when queued, edited until it ends. When the
 * caller knows how many entries the last good run read, a running sync shows it as a yardstick.
 */
export function presentRun(r: Progress): Message {
  const { summary, parts } = runParts(r);
  return message(summary, parts);
}

/** `sync <name>` (one run) or `sync all` (several, each its own part, one after the other). */
export function presentRuns(runs: RunProgress[]): Message {
  if (runs.length === 1) return presentRun(runs[0]!);
  const done = runs.filter((r) => r.status !== 'queued' && r.status !== 'running').length;
  const each = runs.map(runParts);
  return message(rich`Sync all: ${done} of ${runs.length} finished. ${join(each.map((p) => p.summary), ' ')}`, [
    text(rich`${bold('Sync all:')} ${done} of ${runs.length} runs finished`),
    ...each.map((p) => group(p.parts, { separated: true })),
  ]);
}
