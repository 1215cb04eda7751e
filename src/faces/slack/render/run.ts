import { membershipCountsText, NOTHING_DESTRUCTIVE, objectCountsText } from '../../../presenters/words.ts';
import type { RunView } from '../../../commands/sync/internal/run-view.ts';
import type { SlackMessage } from '../actions.ts';
import { clip, code, context, escape, fields, listWithMore, message, section, sections, when, type Block } from './blocks.ts';
import { failureBlocks } from './failure.ts';
import { blockerNames, byKindText, num, plural, RUN_MARK, seconds, triggerWords } from './words.ts';



function destructiveLines(r: RunView): string[] {
  const d = r.destructive!;
  const lines = [`*Destructive changes:* ${num(d.applied)} applied${d.applied ? ` (${byKindText(d.byKind.applied)})` : ''}`];
  if (d.held > 0) {
    const until = r.blockedBy.length > 0 ? ` while ${blockerNames(r.blockedBy)} disabled or in error: they apply once ${r.blockedBy.length === 1 ? 'it recovers' : 'they recover'}` : '';
    lines.push(`⏸ *${num(d.held)} held* (${byKindText(d.byKind.held)})${until}.`);
  }
  if (d.awaitingApproval > 0) {
    const request = r.approvalRequest !== null ? ` for approval request #${r.approvalRequest}: another admin can approve with ${code(`/dirsync approve ${r.approvalRequest}`)}` : ' for approval';
    lines.push(`🗳 *${num(d.awaitingApproval)} wait* (${byKindText(d.byKind.awaitingApproval)})${request}.`);
  }
  return lines;
}

function succeeded(r: RunView, title: string): Block[] {
  const blocks: Block[] = [section(title)];
  if (r.counts) {
    const c = r.counts;
    blocks.push(fields([
      `*Users*\n${objectCountsText(c.users)}${c.skipped ? `\n${plural(c.skipped, 'user')} without a unique id skipped` : ''}`,
      `*Groups*\n${objectCountsText(c.groups)}`,
      `*Memberships*\n${membershipCountsText(c)}`,
    ]));
  }
  if (r.destructive) blocks.push(section(destructiveLines(r).join('\n')));
  if (r.duplicates.length > 0) {
    const lines = listWithMore(r.duplicates, 15, (x) => `• ${code(x.address)}: owned by ${escape(x.owner)}, also claimed by ${escape(x.claimant)}`, { budget: 4000 });
    blocks.push(...sections([`⚠️ *${plural(r.duplicates.length, 'address', 'addresses')} claimed by two users* (the owner keeps it):`, ...lines]));
  }
  return blocks;
}

/**
 * The in-place progress message of one sync: posted when queued, edited until it ends. When the
 * caller knows how many entries the last good run read, a running sync shows it as a yardstick.
 */
export function renderRun(r: RunView & { expectedEntries?: number | null }): SlackMessage {
  const name = `*${escape(r.integration)}*`;
  const duration = r.durationMs !== null ? ` in ${seconds(r.durationMs)}` : '';
  const by = context(`${triggerWords(r.trigger, r.actor)} · queued ${when(r.queuedAt)}${r.startedAt ? ` · started ${when(r.startedAt)}` : ''}`);
  const plain = `Sync #${r.run} of ${escape(r.integration)}`;
  switch (r.status) {
    case 'queued':
      return message(`${plain} queued`, [section(`${RUN_MARK.queued} Sync #${r.run} of ${name} queued`), by]);
    case 'running':
      return message(`${plain} running`, [section(`${RUN_MARK.running} Sync #${r.run} of ${name} running — ${plural(r.entriesRead, 'entry', 'entries')} read${r.expectedEntries ? ` (the last good sync read ${num(r.expectedEntries)})` : ''}`), by]);
    case 'succeeded': {
      const held = r.destructive?.held ?? 0;
      const waiting = r.destructive?.awaitingApproval ?? 0;
      const tail = [held > 0 && `${num(held)} held`, waiting > 0 && `${num(waiting)} awaiting approval`].filter(Boolean).join(', ');
      return message(`${plain} succeeded${tail ? `: ${tail}` : ''}`, [...succeeded(r, `${RUN_MARK.succeeded} Sync #${r.run} of ${name} succeeded${duration}`), by]);
    }
    case 'failed': {
      const f = r.failure;
      if (f) {
        const title = `${RUN_MARK.failed} Sync #${r.run} of ${name} failed${duration}\n*Failed at ${f.stage}: ${f.class} / ${f.reason}*`;
        return message(`${plain} failed: ${f.class} / ${f.reason}`, [...failureBlocks(f, title), section(NOTHING_DESTRUCTIVE), by]);
      }
      const error = r.error ? `: ${escape(clip(r.error, 2000))}` : '';
      return message(`${plain} failed`, [section(`${RUN_MARK.failed} Sync #${r.run} of ${name} failed${duration}${error}\n${NOTHING_DESTRUCTIVE}`), by]);
    }
    case 'cancelled':
      return message(`${plain} cancelled`, [section(`${RUN_MARK.cancelled} Sync #${r.run} of ${name} cancelled${r.error ? `: ${escape(clip(r.error, 2000))}` : ''}.`), by]);
    default: {
      const unknown: never = r.status;
      throw new Error(`unknown run status ${String(unknown)}`);
    }
  }
}
