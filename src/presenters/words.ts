import { SNOOZE_MS } from '../core/alerts.ts';
import type { ErrorCode } from '../core/errors.ts';
import { CERTIFICATE_CHECKLIST } from '../core/integration-warnings.ts';
import { explanationLines, type FailureClass, type FailureReason } from '../core/failures.ts';
import type { IntegrationState } from '../core/integration.ts';
import type { ChangeItem, DuplicateAddress } from '../core/sync-ports.ts';
import type { PreviewItem, PreviewSection } from '../core/preview.ts';
import { CHANGE_KINDS, totalOf, type ApprovalImpact, type ApprovalKind, type ByKind, type ChangeKind, type ObjectCounts, type RunCounts, type RunStatus, type RunTrigger, type Runner } from '../core/sync.ts';
import type { ShownWatermark } from '../commands/integration/show.ts';

/**
 * How dirsync words things, for every face (chat, CLI, dashboard): counts, kinds of change,
 * states, durations, the sentences about blocked changes. Plain words: where a name or a person
 * appears, the caller says how to show it (`format`), and gets the sentence back in pieces, which
 * a plain-text caller joins and a chat presenter keeps as marks.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** A sentence with names in it: strings, and each name as the caller formatted it. */
export type Words<T> = (string | T)[];
const same = <T>(s: string) => s as unknown as T;

export const num = (n: number) => n.toLocaleString('en-US');

/** "1 change", "37 changes", "1,024 user deletions". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

const KIND_WORDS: Record<ChangeKind, [one: string, many: string]> = {
  remove_membership: ['group removal', 'group removals'],
  change_address_type: ['address-type change', 'address-type changes'],
  delete_user: ['user deletion', 'user deletions'],
  purge_user: ['user purge', 'user purges'],
};

export const STATE_MARK: Record<IntegrationState, string> = { enabled: '🟢', error: '🔴', disabled: '⚪' };

export const RUN_MARK: Record<RunStatus, string> = { queued: '⏳', running: '🔄', succeeded: '✅', failed: '❌', cancelled: '🚫' };

export const SNOOZE_DAYS = Math.round(SNOOZE_MS / DAY_MS);

export { explanationLines, totalOf };

/** "scheduled", "manual by <who>", "sync all by <who>". */
export function triggerWords<T = string>(trigger: RunTrigger, actor: string, who: (identity: string) => T = same): Words<T> {
  if (trigger === 'schedule') return ['scheduled'];
  return [`${trigger === 'sync_all' ? 'sync all' : 'manual'} by `, who(actor)];
}

/** Where a run was executed, after its trigger: "scheduled · on dirsync agent". */
export const RUNNER_WORDS: Record<Runner, string> = { server: 'on the server', agent: 'on dirsync agent', cli: 'by dirsync sync', worker: 'on the Worker' };

/** "3 added, 1 updated, 0 restored, 1,196 unchanged": a run's users or groups. */
export const objectCountsText = (c: ObjectCounts) => `${num(c.added)} added, ${num(c.updated)} updated, ${num(c.restored)} restored, ${num(c.unchanged)} unchanged`;

/** Memberships are only added or kept by a run (removals are destructive and counted apart). */
export const membershipCountsText = (c: RunCounts) => `${num(c.memberships.added)} added, ${num(c.memberships.unchanged)} unchanged`;

/** "3 group removals, 1 user deletion"; "none" when every count is zero. */
export function byKindText(b: ByKind): string {
  const parts = CHANGE_KINDS.filter((k) => b[k] > 0).map((k) => plural(b[k], ...KIND_WORDS[k]));
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** One bullet per kind with a count, for cards that have the room. */
export function byKindLines(b: ByKind): string[] {
  return CHANGE_KINDS.filter((k) => b[k] > 0).map((k) => `• ${plural(b[k], ...KIND_WORDS[k])}`);
}

const CHANGE_ITEM_WORDS: Record<ChangeKind, string> = {
  remove_membership: 'removed from group',
  change_address_type: 'address type becomes message in transit',
  delete_user: 'deleted',
  purge_user: 'purged',
};

/** The person one change touches, as people know them. */
export const changeWho = (c: ChangeItem): string => (c.user ? (c.user.displayName ?? '(no display name)') : '(user no longer known)');

/** What one change does to its user: "removed from group Staff", "deleted". */
export const changeWhat = (c: ChangeItem): string => (c.group ? `${CHANGE_ITEM_WORDS[c.kind]} ${c.group.name}` : CHANGE_ITEM_WORDS[c.kind]);

/** "Alice Doe (CN=Alice Doe,OU=Staff,…): removed from group Staff"; the DN as the caller shows it. */
export function changeItemWords<T = string>(c: ChangeItem, format: (dn: string) => T = same): Words<T> {
  return [changeWho(c), ...(c.user ? [' (', format(c.user.dn), ')'] : []), `: ${changeWhat(c)}`];
}

/** How many named changes chat shows before "…and N more". */
export const CHANGES_SHOWN = 10;

export function impactText(i: ApprovalImpact): string {
  return `${plural(i.users, 'user')}, ${plural(i.groups, 'group')}, ${plural(i.memberships, 'membership')}`;
}

/** "delete integration corp-ad" / "apply 640 destructive changes to corp-ad". */
export function approvalSubject<T = string>(kind: ApprovalKind, name: string, impact: ApprovalImpact, format: (name: string) => T = same): Words<T> {
  return kind === 'delete_integration' ? ['delete integration ', format(name)] : [`apply ${plural(totalOf(impact.byKind), 'destructive change')} to `, format(name)];
}

/** Free text (a reason, a warning) cut to `max` characters, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

export function stateWords(state: IntegrationState): string {
  return state === 'error' ? 'in error' : state;
}

export function seconds(ms: number | null): string {
  return ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`;
}

/** "12 minutes" under an hour, "5 hours" under two days (a day and a half reads badly as "1 day"), else "9 days". */
export function durationWords(ms: number): string {
  if (ms < MINUTE_MS) return 'less than a minute';
  if (ms < HOUR_MS) return plural(Math.floor(ms / MINUTE_MS), 'minute');
  if (ms < 2 * DAY_MS) return plural(Math.floor(ms / HOUR_MS), 'hour');
  return plural(Math.floor(ms / DAY_MS), 'day');
}

/** "3 hours ago", "in 5 hours", "just now": a time relative to now. */
export function relativeWords(time: Date, now: Date): string {
  const ms = time.getTime() - now.getTime();
  if (Math.abs(ms) < MINUTE_MS) return 'just now';
  return ms < 0 ? `${durationWords(-ms)} ago` : `in ${durationWords(ms)}`;
}

export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

/** "expires in 12 days", "expires today", "expired 3 days ago". */
export function expiryWords(daysLeft: number): string {
  if (daysLeft > 0) return `expires in ${plural(daysLeft, 'day')}`;
  if (daysLeft === 0) return 'expires today';
  return `expired ${plural(-daysLeft, 'day')} ago`;
}

/** "a, b, c and 4 more": names inside a sentence, which cannot grow without bound. */
export function nameList<T = string>(names: string[], max: number, format: (name: string) => T = same): Words<T> {
  const shown = names.slice(0, max).flatMap((n, i): Words<T> => (i === 0 ? [format(n)] : [', ', format(n)]));
  return names.length > max ? [...shown, ` and ${num(names.length - max)} more`] : shown;
}

/** "corp-old is" / "corp-old, lab are": the integrations a held change waits for. */
export function blockerNames<T = string>(names: string[], format: (name: string) => T = same): Words<T> {
  return [...nameList(names, 10, format), names.length === 1 ? ' is' : ' are'];
}

/** An integration that holds back destructive changes (the gate): the facts its sentence states. */
export interface Blocker {
  integration: string;
  state: Exclude<IntegrationState, 'enabled'>;
  since: Date | string;
  /** Held changes it blocks, and the integrations they belong to. */
  blocking: number;
  integrations: string[];
}

/**
 * "corp-old has been disabled for 9 days and is blocking 37 destructive changes in 2
 * integrations"; `ended`: the same in the past tense, measured up to `at` (a resolved warning).
 */
export function blockingSentence<T = string>(b: Blocker, at: Date, opts: { ended?: boolean; format?: (name: string) => T } = {}): Words<T> {
  const duration = durationWords(at.getTime() - new Date(b.since).getTime());
  const what = `${plural(b.blocking, 'destructive change')} in ${plural(b.integrations.length, 'integration')}`;
  const name = (opts.format ?? same<T>)(b.integration);
  return opts.ended
    ? [name, ` was ${stateWords(b.state)} for ${duration} and blocked ${what}`]
    : [name, ` has been ${stateWords(b.state)} for ${duration} and is blocking ${what}`];
}

/** An integration named as blocking held changes, as `pending` lists it. */
export interface HeldBlocker {
  name: string;
  state: IntegrationState;
  since: string | null;
  hours: number | null;
  /** Why it was disabled (or why it is in error), when known. */
  reason: string | null;
}

/**
 * "kb-ad (disabled for 9 days since …: migrating)"; once enabled again it still blocks what it
 * held until its next successful sync, so say that rather than "enabled for 0 hours".
 */
export function heldBlockerWords<T = string>(b: HeldBlocker, opts: { format?: (name: string) => T; at?: (time: string) => T } = {}): Words<T> {
  const name = (opts.format ?? same<T>)(b.name);
  if (b.state === 'enabled') {
    return [name, ` (enabled again; it blocks until its next successful sync${b.reason ? `; disabled because: ${b.reason}` : ''})`];
  }
  const duration = b.hours !== null ? ` for ${durationWords(b.hours * 3_600_000)}` : '';
  const since: Words<T> = b.since && opts.at ? [' since ', opts.at(b.since)] : [];
  return [name, ` (${stateWords(b.state)}${duration}`, ...since, b.reason ? `: ${b.reason})` : ')'];
}

/** "a@x: owned by CN=A,… (integration lab), also claimed by CN=A,… (integration lab-copy)". */
export function duplicateWords<T = string>(d: DuplicateAddress, format: (address: string) => T = same): Words<T> {
  const side = (dn: string, integration: string | undefined) => (integration ? `${dn} (integration ${integration})` : dn);
  return [format(d.address), `: owned by ${side(d.owner, d.ownerIntegration)}, also claimed by ${side(d.claimant, d.claimantIntegration)}`];
}

/** Why one integration holds back changes of others (the gate). */
export const BLOCKING_REASON = 'While any integration of the account is disabled or in error, every destructive change of every integration is held.';

/** The ways out, for a banner or a lingering warning. */
export function blockingAdvice(state: Blocker['state']): string[] {
  const fix = state === 'error' ? 'Fix what makes it fail (its failure alert says what to check), then test or sync it.' : 'Re-enable it if it should sync again.';
  return [fix, "Delete it if it is gone for good: deleting needs another admin's approval."];
}

/** What a failed test, a failed run and a failure alert all carry (the failure taxonomy). */
export interface FailureFacts {
  class: FailureClass;
  reason: FailureReason;
  message: string;
  diagnostic: string;
  checklist: string[];
}

export const ROLES_FOOTER = 'Roles: viewer reads, operator tests/syncs/enables, admin approves and manages roles';

export const ALERT_KINDS_TEXT = 'failed syncs (credential, connection, TLS, encoding, configuration), lingering disabled integrations and expiring certificates';

export const NOTHING_DESTRUCTIVE = 'Nothing destructive was derived from this run.';

/** "succeeded", "succeeded (dry run)": a run's status in lists of runs. */
export const runStatusWords = (r: { status: RunStatus; dryRun: boolean }) => (r.dryRun ? `${r.status} (dry run)` : r.status);

/** "Sync #12" / "Dry run #13": what a run is called wherever it is named. */
export const runNoun = (dryRun: boolean) => (dryRun ? 'Dry run' : 'Sync');

/** Said with every dry run's result, on every face. */
export const DRY_RUN_NOTE = 'Dry run: nothing was changed, no alert was raised, no approval was requested. It shows what a sync would do now.';

export const PREVIEW_NOTHING = 'A sync now would change nothing.';

/** The heading of each section of a dry run's findings. */
export const PREVIEW_SECTION_WORDS: Record<PreviewSection, string> = {
  added: 'Users that would be added',
  updated: 'Users that would be updated',
  restored: 'Users that would come back',
  applied: 'Destructive changes that would be applied',
  held: 'Destructive changes that would be held',
  awaiting_approval: 'Destructive changes that would be sent for approval',
};

/** "Alice Archer (uid=alice,ou=People,…)"; a change names its kind first: "group removal: … from engineering". */
export function previewItemWords<T = string>(item: PreviewItem, name: (name: string) => T = same, dn: (dn: string) => T = same): Words<T> {
  const who: Words<T> = item.name ? [name(item.name), ' (', dn(item.dn), ')'] : [dn(item.dn)];
  if (!item.kind) return who;
  return [`${KIND_WORDS[item.kind][0]}: `, ...who, ...(item.group ? [' from ', name(item.group)] : [])];
}

export const PLATFORM_NAME: Record<string, string> = { slack: 'Slack', teams: 'Teams' };

/** What a person reads for each error code (a closed set: see core/errors.ts). */
export const ERROR_TITLE: Record<ErrorCode, string> = {
  not_found: 'Not found',
  forbidden: 'Not allowed',
  validation: 'Invalid input',
  failed_precondition: 'Cannot do that now',
  conflict: 'Conflict: someone else changed it first',
  unavailable: 'Unavailable: try again in a moment',
  rate_limited: 'Too many attempts: wait, then try again',
  internal: 'Something went wrong inside dirsync',
};

export const ERROR_MARK: Record<ErrorCode, string> = {
  not_found: '🔍',
  forbidden: '🚫',
  validation: '⚠️',
  failed_precondition: '✋',
  conflict: '🔀',
  unavailable: '⏳',
  rate_limited: '⏱️',
  internal: '💥',
};

/** The certificate checklist as one paragraph; lower-case, since it follows "What to do:". */
export const CERTIFICATE_ADVICE = CERTIFICATE_CHECKLIST.join(' ').replace(/^./, (c) => c.toLowerCase());

/** What every face says when it stops following runs that did not change for `quietMs`. */
export function stoppedFollowingText(runs: { run: number; integration: string; status: RunStatus }[], quietMs: number): string {
  const which = nameList(runs.map((r) => `sync #${r.run} of ${r.integration} (still ${r.status})`), 5).join('');
  return `Stopped following ${which}: nothing changed for ${durationWords(quietMs)}. Check that a dirsync server runs with workers (DIRSYNC_WORKERS above 0); the integration's history shows how ${runs.length === 1 ? 'it ends' : 'they end'}.`;
}

/**
 * How a run read the directory: "full read", "delta (usn)", or "full read (a delta was asked
 * for: <why not>)"; null before the run decided. The same words in history everywhere.
 */
export function readModeWords(r: { mode: 'full' | 'delta' | null; fallbackReason: string | null; deltaMethod: string | null }): string | null {
  if (r.mode === 'delta') return `delta${r.deltaMethod ? ` (${r.deltaMethod})` : ''}`;
  if (r.mode === 'full') return r.fallbackReason ? `full read (a delta was asked for: ${r.fallbackReason})` : 'full read';
  return null;
}

/** Where the next delta starts, and when the directory was last read in full (`show`, CLI and dashboard). */
export function watermarkWords(w: ShownWatermark | null, when: (iso: string) => string): string {
  if (!w) return 'none yet: the next sync reads in full';
  const from =
    w.method === 'usn' ? `uSNChanged ${w.usn} on invocationId ${w.invocationId}`
    : w.method === 'graph' ? `Graph delta links of tenant ${w.tenantId}` // the links themselves are long opaque tokens
    : `modifyTimestamp from ${when(w.at)}`;
  const stale = w.current ? '' : ' (settings changed since: the next sync reads in full)';
  return `${from}, taken ${when(w.takenAt)}; last full read ${w.lastFullAt ? when(w.lastFullAt) : 'before the watermark was kept'}${stale}`;
}
