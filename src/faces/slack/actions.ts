/**
 * The contract between the messages dirsync posts and the handlers of their buttons: action ids
 * and what each button's `value` carries. Renderers and handlers both import it.
 */
export const ACTIONS = {
  /** value: the approval request id, e.g. "12". */
  approve: 'dirsync.approval.approve',
  reject: 'dirsync.approval.reject',
  /** value: the integration name. */
  testNow: 'dirsync.alert.test',
  syncNow: 'dirsync.alert.sync',
  deleteIntegration: 'dirsync.lingering.delete',
  enableIntegration: 'dirsync.lingering.enable',
  /** value: the alert id. */
  snooze: 'dirsync.lingering.snooze',
} as const;

export type ActionId = (typeof ACTIONS)[keyof typeof ACTIONS];

import type { types } from '@slack/bolt';

type KnownBlock = types.KnownBlock;

/** A message as Slack's chat.postMessage / chat.update / response_url take it. */
export interface SlackMessage {
  /** Plain-text fallback: notifications, screen readers, and clients that cannot show blocks. */
  text: string;
  blocks: Record<string, unknown>[];
}

/** The Web API's typed arguments for a rendered message (renderers build plain objects). */
export function messageArgs(message: SlackMessage): { text: string; blocks: KnownBlock[] } {
  return { text: message.text, blocks: message.blocks as unknown as KnownBlock[] };
}
