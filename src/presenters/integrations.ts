import type { StateChangeResult } from '../commands/integration/internal/set-state.ts';
import { presentCount } from '../core/sync.ts';
import type { ListedIntegration as Listed } from '../commands/integration/list.ts';
import type { RequestedRun } from '../commands/sync/request.ts';
import { at, bold, br, code, command, list, message, note, rich, text, type Message, type Rich } from './message.ts';
import { num, plural, runNoun, STATE_MARK, stateWords, truncate } from './words.ts';

type Requested = { runs: RequestedRun[]; all: boolean };

function lastRun(r: Listed['lastRun']): Rich {
  if (!r) return ['never synced'];
  return rich`last run #${r.run} ${r.status}${r.finishedAt && rich` ${at(r.finishedAt)}`}${r.failure && `: ${r.failure.class} / ${r.failure.reason}`}${r.users && `, ${plural(presentCount(r.users), 'user')}`}`;
}

function listLine(i: Listed): Rich {
  const state = i.state !== 'enabled' && rich` · ${bold(stateWords(i.state))} since ${at(i.stateChangedAt)}${i.stateReason && ` — ${truncate(i.stateReason, 120)}`}`;
  const open = [i.held > 0 && `${num(i.held)} held`, i.awaitingApproval > 0 && `${num(i.awaitingApproval)} awaiting approval`].filter(Boolean).join(', ');
  const warning = i.warnings[0] && rich`${br}⚠️ ${truncate(i.warnings[0], 140)}${i.warnings.length > 1 && ` (+${i.warnings.length - 1} more)`}`;
  const next = i.nextRun ? rich`next ${at(i.nextRun)}` : 'no scheduled run';
  return rich`${STATE_MARK[i.state]} ${bold(i.name)} (${i.kind})${state}${br}${lastRun(i.lastRun)} · ${next}${open && ` · ${open}`}${warning}`;
}

/** `list`: every integration, one entry each, worst news on the entry itself. */
export function presentList(items: Listed[]): Message {
  if (items.length === 0) return message(['No integrations yet'], [text(rich`No integrations yet. Add one on the CLI: ${code('dirsync integrations add --help')}`)]);
  const errors = items.filter((i) => i.state === 'error').length;
  const disabled = items.filter((i) => i.state === 'disabled').length;
  return message(rich`${items.length} integrations${errors > 0 && `, ${errors} in error`}`, [
    text(rich`${bold(plural(items.length, 'integration'))}${errors > 0 && ` · 🔴 ${num(errors)} in error`}${disabled > 0 && ` · ⚪ ${num(disabled)} disabled`}`),
    list(items.map(listLine), { max: 40, hint: rich`${code('dirsync integrations list')} on the CLI shows all` }),
  ]);
}

/** `sync <name>` / `sync all`: what was queued; the progress message follows separately. */
export function presentSync({ runs, all }: Requested): Message {
  if (!all) {
    const r = runs[0];
    if (!r) return message(['Nothing was queued'], [text(['Nothing was queued.'])]);
    const noun = runNoun(r.dryRun);
    const said = (name: Rich) => (r.joined ? rich`${noun} #${r.run} of ${name} joined the run already queued or running` : rich`${noun} #${r.run} of ${name} queued`);
    return message(said([r.integration]), [text(rich`${r.joined ? '🔁' : '⏳'} ${said([bold(r.integration)])}.`)]);
  }
  if (runs.length === 0) return message(['Sync all: nothing to sync'], [text(['Nothing to sync: there is no integration that is not disabled.'])]);
  const queued = runs.filter((r) => !r.joined).length;
  const line = (r: Requested['runs'][number]) =>
    r.joined ? rich`🔁 ${bold(r.integration)}: joined sync #${r.run}, already queued or running` : rich`⏳ ${bold(r.integration)}: sync #${r.run} queued`;
  return message(rich`Sync all: ${runs.length} integrations`, [
    text(rich`${bold('Sync all')}: ${plural(queued, 'run')} queued${runs.length > queued && `, ${num(runs.length - queued)} joined a run already queued or running`}`),
    list(runs.map(line), { max: 60 }),
    note(['Disabled integrations are skipped.']),
  ]);
}

/** `enable` / `disable`: the new state, or why nothing changed; disabling holds the whole account. */
export function presentStateChange(verb: 'enable' | 'disable', change: StateChangeResult): Message {
  const i = change.integration;
  const done = verb === 'enable' ? 'enabled' : 'disabled';
  const first = change.changed
    ? rich`${STATE_MARK[i.state]} ${bold(i.name)} ${done} (was ${stateWords(change.previousState)}).`
    : rich`${STATE_MARK[i.state]} ${bold(i.name)}: nothing to do, ${change.note ?? `it is ${stateWords(i.state)}`}.`;
  const reason = i.stateReason && i.state !== 'enabled' ? [rich`Reason: ${i.stateReason}`] : [];
  const after =
    verb === 'disable'
      ? rich`⚠️ While any integration is disabled, every destructive change of this account (group removals, address-type changes, user deletions and purges, for every integration) is held. Re-enable it with ${command(`enable ${i.name}`)}, or delete it with ${command(`delete ${i.name}`)} if it is gone for good.`
      : change.changed && rich`Changes it was holding back apply with the next successful sync of each integration (${command('sync all')} to run them now).`;
  return message(rich`${i.name} ${change.changed ? done : `unchanged (${stateWords(i.state)})`}`, [text([first, ...reason]), ...(after ? [text(after)] : [])]);
}
