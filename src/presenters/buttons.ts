import type { Rich } from './message.ts';
import { SNOOZE_DAYS } from './words.ts';

/**
 * Every button dirsync puts on a message, for both platforms: what it says, how it looks, what
 * its value carries, whether it asks first, and the id each platform sends back when it is
 * pressed (a Slack `action_id`, a Teams `Action.Execute` verb). The ids are part of messages
 * already posted, so they never change; the handlers find the button through this table.
 */
export interface ButtonSpec {
  label: string;
  style?: 'primary' | 'danger';
  /** What `value` holds. */
  carries: 'request id' | 'integration name' | 'alert id';
  /** Asks before it acts: a dialog in Slack; on the card itself in Teams (cards have no dialogs). */
  confirm?: { title: (value: string) => string; yes: string };
  slack: string;
  teams: string;
}

export const BUTTONS = {
  approve: {
    label: 'Approve',
    style: 'danger',
    carries: 'request id',
    confirm: { title: (id) => `Approve #${id}?`, yes: 'Approve' },
    slack: 'dirsync.approval.approve',
    teams: 'dirsync.approve',
  },
  reject: { label: 'Reject', carries: 'request id', slack: 'dirsync.approval.reject', teams: 'dirsync.reject' },
  testNow: { label: 'Test now', carries: 'integration name', slack: 'dirsync.alert.test', teams: 'dirsync.test' },
  syncNow: { label: 'Sync now', style: 'primary', carries: 'integration name', slack: 'dirsync.alert.sync', teams: 'dirsync.sync' },
  deleteIntegration: {
    label: 'Delete…',
    style: 'danger',
    carries: 'integration name',
    confirm: { title: (name) => `Delete ${name}?`, yes: 'Request deletion' },
    slack: 'dirsync.lingering.delete',
    teams: 'dirsync.delete',
  },
  enableIntegration: { label: 'Re-enable', carries: 'integration name', slack: 'dirsync.lingering.enable', teams: 'dirsync.enable' },
  snooze: { label: `Snooze ${SNOOZE_DAYS} days`, carries: 'alert id', slack: 'dirsync.lingering.snooze', teams: 'dirsync.snooze' },
} as const satisfies Record<string, ButtonSpec>;

export type ButtonId = keyof typeof BUTTONS;

export const BUTTON_IDS = Object.keys(BUTTONS) as ButtonId[];

/** A button on one message. `confirm`: what pressing it does, for the buttons that ask first. */
export interface Button {
  id: ButtonId;
  value: string;
  confirm?: Rich;
}

export function button(id: ButtonId, value: string | number, confirm?: Rich): Button {
  return { id, value: String(value), ...(confirm && { confirm }) };
}

export const spec = (id: ButtonId): ButtonSpec => BUTTONS[id];

/** The button a platform's id names; undefined for ids of no dirsync button (an old message, a forgery). */
export function buttonFor(platform: 'slack' | 'teams', platformId: string): ButtonId | undefined {
  return BUTTON_IDS.find((id) => BUTTONS[id][platform] === platformId);
}
