/**
 * The contract between the Adaptive Cards dirsync sends to Teams and the handler of their
 * `Action.Execute` buttons: each button's `verb` and what its `data.value` carries.
 */
export const VERBS = {
  /** value: the approval request id, e.g. "12". */
  approve: 'dirsync.approve',
  reject: 'dirsync.reject',
  /** value: the integration name. */
  testNow: 'dirsync.test',
  syncNow: 'dirsync.sync',
  deleteIntegration: 'dirsync.delete',
  enableIntegration: 'dirsync.enable',
  /** value: the alert id. */
  snooze: 'dirsync.snooze',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

/** An Adaptive Card (schema 1.5) as a plain object. */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: '1.5' };

/** A message for Teams: the card, and a one-line summary (notifications, activity feed, screen readers). */
export interface TeamsMessage {
  summary: string;
  card: AdaptiveCard;
}
