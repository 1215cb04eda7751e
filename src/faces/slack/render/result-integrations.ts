import { presentCount } from '../../../core/sync.ts';
import type { ChatResult } from '../../chat/run-chat-command.ts';
import type { StateChangeResult } from '../../../commands/integration/internal/set-state.ts';
import type { SlackMessage } from '../actions.ts';
import { clip, code, context, escape, listWithMore, message, section, sections, when } from './blocks.ts';
import { num, plural, STATE_MARK, stateWords } from './words.ts';

type Listed = Extract<ChatResult, { verb: 'list' }>['integrations'][number];
type Requested = Extract<ChatResult, { verb: 'sync' }>;

// Each line carries two dates (~70 characters of markup each): a budget keeps the "…and N more" visible.
const LIST_MAX = 40;
const LIST_BUDGET = 9000;

function lastRun(r: Listed['lastRun']): string {
  if (!r) return 'never synced';
  const at = r.finishedAt ? ` ${when(r.finishedAt)}` : '';
  const users = r.users ? `, ${plural(presentCount(r.users), 'user')}` : '';
  const failure = r.failure ? `: ${r.failure.class} / ${r.failure.reason}` : '';
  return `last run #${r.run} ${r.status}${at}${failure}${users}`;
}

function listLine(i: Listed): string {
  const state = i.state === 'enabled' ? '' : ` · *${stateWords(i.state)}* since ${when(i.stateChangedAt)}${i.stateReason ? ` — ${escape(clip(i.stateReason, 120))}` : ''}`;
  const next = i.nextRun ? `next ${when(i.nextRun)}` : 'no scheduled run';
  const open = [i.held > 0 && `${num(i.held)} held`, i.awaitingApproval > 0 && `${num(i.awaitingApproval)} awaiting approval`].filter(Boolean).join(', ');
  const warning = i.warnings[0] ? `\n      ⚠️ ${escape(clip(i.warnings[0], 140))}${i.warnings.length > 1 ? ` (+${i.warnings.length - 1} more)` : ''}` : '';
  return `${STATE_MARK[i.state]} *${escape(i.name)}* (${i.kind})${state}\n      ${lastRun(i.lastRun)} · ${next}${open ? ` · ${open}` : ''}${warning}`;
}

/** `list`: every integration, one entry each, worst news on the line itself. */
export function renderList(items: Listed[]): SlackMessage {
  if (items.length === 0) {
    return message('No integrations yet', [section(`No integrations yet. Add one on the CLI: ${code('dirsync integrations add --help')}`)]);
  }
  const errors = items.filter((i) => i.state === 'error').length;
  const disabled = items.filter((i) => i.state === 'disabled').length;
  const summary = `*${plural(items.length, 'integration')}*${errors ? ` · 🔴 ${num(errors)} in error` : ''}${disabled ? ` · ⚪ ${num(disabled)} disabled` : ''}`;
  const lines = listWithMore(items, LIST_MAX, listLine, { budget: LIST_BUDGET, hint: `${code('dirsync integrations list')} on the CLI shows all` });
  return message(`${items.length} integrations${errors ? `, ${errors} in error` : ''}`, [section(summary), ...sections(lines)]);
}

/** `sync <name>` / `sync all`: what was queued; the progress message follows separately. */
export function renderSync({ runs, all }: Requested): SlackMessage {
  const line = (r: Requested['runs'][number]) =>
    r.joined ? `🔁 *${escape(r.integration)}*: joined sync #${r.run}, already queued or running` : `⏳ *${escape(r.integration)}*: sync #${r.run} queued`;
  if (!all) {
    const r = runs[0];
    if (!r) return message('Nothing was queued', [section('Nothing was queued.')]);
    const said = (name: string) => (r.joined ? `Sync #${r.run} of ${name} joined the run already queued or running` : `Sync #${r.run} of ${name} queued`);
    return message(said(escape(r.integration)), [section(`${r.joined ? '🔁' : '⏳'} ${said(`*${escape(r.integration)}*`)}.`)]);
  }
  if (runs.length === 0) {
    return message('Sync all: nothing to sync', [section('Nothing to sync: there is no integration that is not disabled.')]);
  }
  const queued = runs.filter((r) => !r.joined).length;
  const head = `*Sync all*: ${plural(queued, 'run')} queued${runs.length > queued ? `, ${num(runs.length - queued)} joined a run already queued or running` : ''}`;
  return message(`Sync all: ${runs.length} integrations`, [
    section(head),
    ...sections(listWithMore(runs, 60, line, { budget: 8000 })),
    context('Disabled integrations are skipped.'),
  ]);
}

/** `enable` / `disable`: the new state, or why nothing changed; disabling holds the whole account. */
export function renderStateChange(verb: 'enable' | 'disable', change: StateChangeResult): SlackMessage {
  const i = change.integration;
  const name = `*${escape(i.name)}*`;
  const done = verb === 'enable' ? 'enabled' : 'disabled';
  const first = change.changed
    ? `${STATE_MARK[i.state]} ${name} ${done} (was ${stateWords(change.previousState)}).`
    : `${STATE_MARK[i.state]} ${name}: nothing to do, ${escape(change.note ?? `it is ${stateWords(i.state)}`)}.`;
  const reason = i.stateReason && i.state !== 'enabled' ? `Reason: ${escape(i.stateReason)}` : null;
  const after =
    verb === 'disable'
      ? `⚠️ While any integration is disabled, every destructive change of this account (group removals, address-type changes, user deletions and purges, for every integration) is held. Re-enable it with ${code(`/dirsync enable ${i.name}`)}, or delete it with ${code(`/dirsync delete ${i.name}`)} if it is gone for good.`
      : change.changed
        ? `Changes it was holding back apply with the next successful sync of each integration (${code('/dirsync sync all')} to run them now).`
        : null;
  const blocks = [section([first, reason].filter(Boolean).join('\n')), ...(after ? [section(after)] : [])];
  return message(`${escape(i.name)} ${change.changed ? done : `unchanged (${stateWords(i.state)})`}`, blocks);
}
