import type { ChatResult } from '../../chat/run-chat-command.ts';
import type { RunView } from '../../../commands/sync/internal/run-view.ts';
import type { SlackMessage } from '../actions.ts';
import { clip, code, escape, header, listWithMore, message, section, sections, when } from './blocks.ts';
import { num, plural, RUN_MARK, seconds, triggerWords } from './words.ts';

type History = Extract<ChatResult, { verb: 'history' }>['history'];

const HISTORY_MAX = 30;
const HISTORY_BUDGET = 9000;

function outcome(r: RunView): string {
  if (r.failure) return ` · ${r.failure.class} / ${r.failure.reason}`;
  if (r.error) return ` · ${escape(clip(r.error, 160))}`;
  const parts: string[] = [];
  if (r.counts) parts.push(`users +${num(r.counts.users.added)} ~${num(r.counts.users.updated)} =${num(r.counts.users.unchanged)}`);
  if (r.destructive) {
    const d = r.destructive;
    parts.push(`destructive ${num(d.applied)} applied, ${num(d.held)} held, ${num(d.awaitingApproval)} awaiting approval`);
  }
  return parts.map((p) => ` · ${p}`).join('');
}

function runLine(r: RunView): string {
  const duration = r.durationMs !== null ? ` in ${seconds(r.durationMs)}` : '';
  return `${RUN_MARK[r.status]} *#${r.run}* ${when(r.startedAt ?? r.queuedAt)} · ${triggerWords(r.trigger, r.actor)} · ${r.status}${duration}${outcome(r)}`;
}

/** `history <name>`: the last runs, newest first, with counts and failures on each line. */
export function renderHistory({ integration, runs }: History): SlackMessage {
  const name = escape(integration);
  if (runs.length === 0) {
    return message(`${name} has not been synced yet`, [section(`*${name}* has not been synced yet: ${code(`/dirsync sync ${integration}`)} starts one.`)]);
  }
  const failed = runs.filter((r) => r.status === 'failed').length;
  const lines = listWithMore(runs, HISTORY_MAX, runLine, { budget: HISTORY_BUDGET });
  return message(`Sync history of ${name}: last ${plural(runs.length, 'run')}${failed ? `, ${num(failed)} failed` : ''}`, [
    header(`Sync history of ${integration}`),
    ...sections(lines),
  ]);
}
