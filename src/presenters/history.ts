import type { RunView } from '../commands/sync/internal/run-view.ts';
import type { SyncHistory as History } from '../commands/sync/history.ts';
import { classReason } from './failure.ts';
import { at, bold, command, heading, list, message, rich, text, who, type Message, type Rich } from './message.ts';
import { num, plural, readModeWords, RUN_MARK, RUNNER_WORDS, runStatusWords, seconds, triggerWords, truncate } from './words.ts';


function outcome(r: RunView): string {
  if (r.failure) return ` · ${classReason(r.failure)}`;
  if (r.error) return ` · ${truncate(r.error, 160)}`;
  const parts: string[] = [];
  if (r.counts) parts.push(`users +${num(r.counts.users.added)} ~${num(r.counts.users.updated)} =${num(r.counts.users.unchanged)}`);
  if (r.destructive) {
    const d = r.destructive;
    parts.push(`destructive${r.dryRun ? ' (would be)' : ''} ${num(d.applied)} applied, ${num(d.held)} held, ${num(d.awaitingApproval)} awaiting approval`);
  }
  return parts.map((p) => ` · ${p}`).join('');
}

function runLine(r: RunView): Rich {
  const duration = r.durationMs !== null ? ` in ${seconds(r.durationMs)}` : '';
  const mode = readModeWords(r);
  return rich`${RUN_MARK[r.status]} ${bold(`#${r.run}`)} ${at(r.startedAt ?? r.queuedAt)} · ${triggerWords(r.trigger, r.actor, who)}${r.runner && ` ${RUNNER_WORDS[r.runner]}`} · ${runStatusWords(r)}${duration}${mode && ` · ${mode}`}${outcome(r)}`;
}

/** `history <name>`: the last runs, newest first, with counts and failures on each line. */
export function presentHistory({ integration, runs }: History): Message {
  if (runs.length === 0) {
    return message(rich`${integration} has not been synced yet`, [text(rich`${bold(integration)} has not been synced yet: ${command(`sync ${integration}`)} starts one.`)]);
  }
  const failed = runs.filter((r) => r.status === 'failed').length;
  return message(rich`Sync history of ${integration}: last ${plural(runs.length, 'run')}${failed > 0 && `, ${num(failed)} failed`}`, [
    heading(rich`Sync history of ${integration}`),
    list(runs.map(runLine), { max: 30 }),
  ]);
}
