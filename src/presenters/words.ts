import { SNOOZE_MS } from '../core/alerts.ts';
import { num, plural } from '../core/plural.ts';
import type { ErrorCode } from '../core/errors.ts';
import { CERTIFICATE_CHECKLIST } from '../core/integration-warnings.ts';
import { explanationLines, type FailureClass, type FailureReason } from '../core/failures.ts';
import type { IntegrationState } from '../core/integration.ts';
import { CHANGE_KINDS, totalOf, type ApprovalImpact, type ApprovalKind, type ByKind, type ChangeKind, type ObjectCounts, type RunCounts, type RunStatus, type RunTrigger } from '../core/sync.ts';

/**
 * The phrasing every chat face shares (Slack, Teams): counts, kinds of change, states, durations.
 * Plain words only; where a name or a person appears, the face passes its own formatter, since
 * each platform marks names up (and escapes them) differently.
 */

const DAY_MS = 86_400_000;

const KIND_WORDS: Record<ChangeKind, [one: string, many: string]> = {
  remove_membership: ['group removal', 'group removals'],
  change_address_type: ['address-type change', 'address-type changes'],
  delete_user: ['user deletion', 'user deletions'],
  purge_user: ['user purge', 'user purges'],
};

export const STATE_MARK: Record<IntegrationState, string> = { enabled: '🟢', error: '🔴', disabled: '⚪' };

export const RUN_MARK: Record<RunStatus, string> = { queued: '⏳', running: '🔄', succeeded: '✅', failed: '❌', cancelled: '🚫' };

export const SNOOZE_DAYS = Math.round(SNOOZE_MS / 86_400_000);

/** A face's way of naming a person (`slack:U1` → a mention, `teams:…` → a display name). */
export type Who = (identity: string) => string;
/** A face's way of showing a name inside a sentence (bold, escaped). */
export type NameFormat = (name: string) => string;

/** "scheduled", "manual by <who>", "sync all by <who>". */
export function triggerWords(trigger: RunTrigger, actor: string, who: Who): string {
  if (trigger === 'schedule') return 'scheduled';
  return `${trigger === 'sync_all' ? 'sync all' : 'manual'} by ${who(actor)}`;
}

// Defined in core, since the dashboard words things the same way; chat imports them from here.
export { explanationLines, num, plural, totalOf };

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

export function impactText(i: ApprovalImpact): string {
  return `${plural(i.users, 'user')}, ${plural(i.groups, 'group')}, ${plural(i.memberships, 'membership')}`;
}

/** "delete integration corp-ad" / "apply 640 destructive changes to corp-ad"; `name` comes formatted. */
export function approvalSubject(kind: ApprovalKind, name: string, impact: ApprovalImpact): string {
  return kind === 'delete_integration' ? `delete integration ${name}` : `apply ${plural(totalOf(impact.byKind), 'destructive change')} to ${name}`;
}

export function stateWords(state: IntegrationState): string {
  return state === 'error' ? 'in error' : state;
}

export function seconds(ms: number | null): string {
  return ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`;
}

/** "9 days" from a day on, "5 hours" below that. */
export function age(ms: number): string {
  return ms >= DAY_MS ? plural(Math.floor(ms / DAY_MS), 'day') : plural(Math.max(0, Math.floor(ms / 3_600_000)), 'hour');
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
export function nameList(names: string[], max: number, format: NameFormat): string {
  const shown = names.slice(0, max).map(format).join(', ');
  return names.length > max ? `${shown} and ${num(names.length - max)} more` : shown;
}

/** "corp-old is" / "corp-old, lab are": the integrations a held change waits for. */
export function blockerNames(names: string[], format: NameFormat): string {
  return `${nameList(names, 10, format)} ${names.length === 1 ? 'is' : 'are'}`;
}

/** What a failed test, a failed run and a failure alert all carry (docs/architecture.md#failure-taxonomy). */
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

/** The certificate checklist as one paragraph; lower-case, since cards put it after "What to do:". */
export const CERTIFICATE_ADVICE = CERTIFICATE_CHECKLIST.join(' ').replace(/^./, (c) => c.toLowerCase());

/** What every face says when it stops following runs that did not change for `quietMs`. */
export function stoppedFollowingText(runs: { run: number; integration: string; status: RunStatus }[], quietMs: number): string {
  const which = nameList(runs.map((r) => `sync #${r.run} of ${r.integration} (still ${r.status})`), 5, (s) => s);
  return `Stopped following ${which}: nothing changed for ${age(quietMs)}. Check that a dirsync server runs with workers (DIRSYNC_WORKERS above 0); the integration's history shows how ${runs.length === 1 ? 'it ends' : 'they end'}.`;
}
