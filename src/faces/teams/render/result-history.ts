import type { ChatResult } from '../../chat/run-chat-command.ts';
import type { RunView } from '../../../commands/sync/internal/run-view.ts';
import { num, plural, RUN_MARK, seconds, triggerWords } from '../../../presenters/words.ts';
import type { TeamsMessage } from '../verbs.ts';
import { bold, bot, heading, lines, listWithMore, message, safe, short, text, when, who, type Names, type RenderOptions } from './card.ts';
import { classReason } from './failure.ts';

type History = Extract<ChatResult, { verb: 'history' }>['history'];

const HISTORY_MAX = 30;
const HISTORY_BUDGET = 18_000;

function outcome(r: RunView): string {
  if (r.failure) return ` · ${classReason(r.failure)}`;
  if (r.error) return ` · ${safe(short(r.error, 160))}`;
  const parts: string[] = [];
  if (r.counts) parts.push(`users +${num(r.counts.users.added)} ~${num(r.counts.users.updated)} =${num(r.counts.users.unchanged)}`);
  if (r.destructive) {
    const d = r.destructive;
    parts.push(`destructive ${num(d.applied)} applied, ${num(d.held)} held, ${num(d.awaitingApproval)} awaiting approval`);
  }
  return parts.map((p) => ` · ${safe(p)}`).join('');
}

function runLine(r: RunView, names?: Names): string {
  const duration = r.durationMs !== null ? ` in ${seconds(r.durationMs)}` : '';
  const by = triggerWords(r.trigger, r.actor, (id) => who(id, names));
  return `${RUN_MARK[r.status]} **#${r.run}** ${when(r.startedAt ?? r.queuedAt)} · ${by} · ${r.status}${duration}${outcome(r)}`;
}

/** `history <name>`: the last runs, newest first, with counts and failures on each line. */
export function renderHistory({ integration, runs }: History, opts: RenderOptions = {}): TeamsMessage {
  if (runs.length === 0) {
    return message(`${safe(integration)} has not been synced yet`, [text(`${bold(integration)} has not been synced yet: ${bot(`sync ${integration}`)} starts one.`)]);
  }
  const failed = runs.filter((r) => r.status === 'failed').length;
  const entries = listWithMore(runs, HISTORY_MAX, (r) => runLine(r, opts.names), { budget: HISTORY_BUDGET });
  return message(`Sync history of ${safe(integration)}: last ${plural(runs.length, 'run')}${failed ? `, ${num(failed)} failed` : ''}`, [
    heading(`Sync history of ${safe(integration)}`),
    lines(entries),
  ]);
}
