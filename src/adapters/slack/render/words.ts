import type { IntegrationState } from '../../../core/integration.ts';
import { CHANGE_KINDS, type ApprovalImpact, type ApprovalKind, type ByKind, type ChangeKind, type RunStatus, type RunTrigger } from '../../../core/sync.ts';
import { escape, who } from './blocks.ts';

/** Shared wording for the Slack renderers: counts, kinds of change, states, durations. */

const DAY_MS = 86_400_000;

const KIND_WORDS: Record<ChangeKind, [one: string, many: string]> = {
  remove_membership: ['group removal', 'group removals'],
  change_address_type: ['address-type change', 'address-type changes'],
  delete_user: ['user deletion', 'user deletions'],
  purge_user: ['user purge', 'user purges'],
};

export const STATE_MARK: Record<IntegrationState, string> = { enabled: '🟢', error: '🔴', disabled: '⚪' };

export const RUN_MARK: Record<RunStatus, string> = { queued: '⏳', running: '🔄', succeeded: '✅', failed: '❌', cancelled: '🚫' };

/** "scheduled", "manual by <@U1>", "sync all by cli:alice". */
export function triggerWords(trigger: RunTrigger, actor: string): string {
  if (trigger === 'schedule') return 'scheduled';
  return `${trigger === 'sync_all' ? 'sync all' : 'manual'} by ${who(actor)}`;
}

export const num = (n: number) => n.toLocaleString('en-US');

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

export const totalOf = (b: ByKind) => CHANGE_KINDS.reduce((n, k) => n + b[k], 0);

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

/** "*corp-old* is" / "*corp-old*, *lab* are": the integrations a held change waits for. */
export function blockerNames(names: string[]): string {
  return `${nameList(names, 10)} ${names.length === 1 ? 'is' : 'are'}`;
}

/** "*a*, *b*, *c* and 4 more": names inside a sentence, which cannot grow without bound. */
export function nameList(names: string[], max = 5): string {
  const shown = names.slice(0, max).map((n) => `*${escape(n)}*`).join(', ');
  return names.length > max ? `${shown} and ${num(names.length - max)} more` : shown;
}

/** A chat channel as a link in Slack; other platforms' conversation ids as text. */
export function channelRef(platform: string, channel: string): string {
  return platform === 'slack' && /^[CGD][A-Z0-9]+$/i.test(channel) ? `<#${channel.toUpperCase()}>` : escape(channel);
}
