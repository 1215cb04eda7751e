/** The tenant. Every rule about destructive actions is account-wide (docs/architecture.md#the-gate). */
export interface Account {
  id: string;
  name: string;
  timeZone: string;
  /** Destructive changes of one run above this many objects need approval… */
  deletionThresholdCount: number;
  /** …or above this percentage of the integration's active users, whichever is hit first. */
  deletionThresholdPercent: number;
  /** A disabled or errored integration older than this gets lingering warnings. */
  lingeringHours: number;
  /** Days a user stays "message in transit" before it is deleted, and deleted before it is purged. */
  mitRetentionDays: number;
  purgeRetentionDays: number;
  createdAt: Date;
  updatedAt: Date;
}

export const DEFAULT_ACCOUNT_NAME = 'default';
export const ACCOUNT_DEFAULTS = {
  timeZone: 'UTC',
  deletionThresholdCount: 500,
  deletionThresholdPercent: 10,
  lingeringHours: 24,
  mitRetentionDays: 30,
  purgeRetentionDays: 30,
} as const;

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
