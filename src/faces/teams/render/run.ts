import type { RunProgress } from '../../../commands/sync/show-runs.ts';
import type { RunView } from '../../../commands/sync/internal/run-view.ts';
import { blockerNames, byKindText, membershipCountsText, NOTHING_DESTRUCTIVE, num, objectCountsText, plural, RUN_MARK, seconds, triggerWords } from '../../../presenters/words.ts';
import type { TeamsMessage } from '../verbs.ts';
import { bold, bot, container, factSet, lines, listWithMore, message, note, safe, short, text, when, who, type Element, type RenderOptions } from './card.ts';
import { classReason, failureElements } from './failure.ts';


function destructiveText(r: RunView): string {
  const d = r.destructive!;
  const out = [`**Destructive changes:** ${num(d.applied)} applied${d.applied ? ` (${byKindText(d.byKind.applied)})` : ''}`];
  if (d.held > 0) {
    const n = r.blockedBy.length;
    const until = n > 0 ? ` while ${blockerNames(r.blockedBy, bold)} disabled or in error: they apply once ${n === 1 ? 'it recovers' : 'they recover'}` : '';
    out.push(`⏸ **${num(d.held)} held** (${byKindText(d.byKind.held)})${until}.`);
  }
  if (d.awaitingApproval > 0) {
    const request = r.approvalRequest !== null ? ` for approval request #${r.approvalRequest}: another admin can approve with ${bot(`approve ${r.approvalRequest}`)}` : ' for approval';
    out.push(`🗳 **${num(d.awaitingApproval)} wait** (${byKindText(d.byKind.awaitingApproval)})${request}.`);
  }
  return out.join('\n\n');
}

function succeeded(r: RunView, title: string): Element[] {
  const body: Element[] = [text(title, { color: 'good' })];
  if (r.counts) {
    const c = r.counts;
    body.push(factSet([
      ['Users', `${objectCountsText(c.users)}${c.skipped ? `; ${plural(c.skipped, 'user')} without a unique id skipped` : ''}`],
      ['Groups', objectCountsText(c.groups)],
      ['Memberships', membershipCountsText(c)],
    ]));
  }
  if (r.destructive) body.push(text(destructiveText(r)));
  if (r.duplicates.length > 0) {
    const dupes = listWithMore(r.duplicates, 15, (x) => `• **${safe(x.address)}**: owned by ${safe(x.owner)}, also claimed by ${safe(x.claimant)}`, { budget: 6000 });
    body.push(lines([`⚠️ **${plural(r.duplicates.length, 'address', 'addresses')} claimed by two users** (the owner keeps it):`, ...dupes], 'warning'));
  }
  return body;
}

/** One sync: its title line first, then what it did or why it failed, then who started it and when. */
function runParts(r: RunView & { expectedEntries?: number | null }, opts: RenderOptions): { summary: string; body: Element[] } {
  const name = bold(r.integration);
  const duration = r.durationMs !== null ? ` in ${seconds(r.durationMs)}` : '';
  const trigger = triggerWords(r.trigger, r.actor, (id) => who(id, opts.names));
  const by = note(`${trigger} · queued ${when(r.queuedAt)}${r.startedAt ? ` · started ${when(r.startedAt)}` : ''}`);
  const head = `Sync #${r.run} of ${name}`;
  const plainName = `Sync #${r.run} of ${safe(r.integration)}`;
  const error = r.error ? `: ${safe(short(r.error, 2000))}` : '';
  switch (r.status) {
    case 'queued':
      return { summary: `${plainName} queued`, body: [text(`${RUN_MARK.queued} ${head} queued`), by] };
    case 'running': {
      const yardstick = r.expectedEntries ? ` (the last good sync read ${num(r.expectedEntries)})` : '';
      return { summary: `${plainName} running`, body: [text(`${RUN_MARK.running} ${head} running — ${plural(r.entriesRead, 'entry', 'entries')} read${yardstick}`), by] };
    }
    case 'succeeded': {
      const held = r.destructive?.held ?? 0;
      const waiting = r.destructive?.awaitingApproval ?? 0;
      const tail = [held > 0 && `${num(held)} held`, waiting > 0 && `${num(waiting)} awaiting approval`].filter(Boolean).join(', ');
      return { summary: `${plainName} succeeded${tail ? `: ${tail}` : ''}`, body: [...succeeded(r, `${RUN_MARK.succeeded} ${head} succeeded${duration}`), by] };
    }
    case 'failed': {
      const f = r.failure;
      if (f) {
        const title = `${RUN_MARK.failed} ${head} failed${duration}\n\n**Failed at ${safe(f.stage)}: ${classReason(f)}**`;
        return { summary: `${plainName} failed: ${classReason(f)}`, body: [container(failureElements(f, title), 'attention'), text(NOTHING_DESTRUCTIVE), by] };
      }
      return { summary: `${plainName} failed`, body: [text(`${RUN_MARK.failed} ${head} failed${duration}${error}\n\n${NOTHING_DESTRUCTIVE}`, { color: 'attention' }), by] };
    }
    case 'cancelled':
      return { summary: `${plainName} cancelled`, body: [text(`${RUN_MARK.cancelled} ${head} cancelled${error}.`), by] };
    default: {
      const unknown: never = r.status;
      throw new Error(`unknown run status ${String(unknown)}`);
    }
  }
}

/**
 * The in-place progress card of one sync: posted when queued, updated until it ends. When the
 * caller knows how many entries the last good run read, a running sync shows it as a yardstick.
 */
export function renderRun(r: RunView & { expectedEntries?: number | null }, opts: RenderOptions = {}): TeamsMessage {
  const { summary, body } = runParts(r, opts);
  return message(summary, body);
}

/**
 * The live card of `sync <name>` (one run) or `sync all` (several): each run's own part, one
 * after the other, separated, kept within Teams' size limit as a whole.
 */
export function renderRuns(runs: RunProgress[], opts: RenderOptions = {}): TeamsMessage {
  if (runs.length === 1) return renderRun(runs[0]!, opts);
  const done = runs.filter((r) => r.status !== 'queued' && r.status !== 'running').length;
  const parts = runs.map((r) => runParts(r, opts));
  const body: Element[] = [text(`**Sync all:** ${done} of ${runs.length} runs finished`)];
  for (const part of parts) body.push({ ...container(part.body), separator: true });
  return message(`Sync all: ${done} of ${runs.length} finished. ${parts.map((p) => p.summary).join(' ')}`, body);
}
