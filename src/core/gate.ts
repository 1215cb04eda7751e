import type { Account } from './account.ts';

export type GateDecision =
  | { action: 'hold'; blockedBy: string[] }
  | { action: 'await_approval'; threshold: number }
  | { action: 'apply' };

/**
 * The gate (docs/architecture.md#the-gate), in order: any disabled or errored integration of the account holds
 * every destructive change of every integration; else a batch above the deletion threshold
 * waits for approval; else it is applied. Already-approved changes skip the threshold step.
 */
export function decideGate(input: {
  blockers: string[];
  /** Destructive changes of this batch that nobody approved yet. */
  unapproved: number;
  /** The integration's active users before the batch, for the percentage threshold. */
  activeUsers: number;
  account: Pick<Account, 'deletionThresholdCount' | 'deletionThresholdPercent'>;
}): GateDecision {
  if (input.blockers.length > 0) return { action: 'hold', blockedBy: [...input.blockers].sort() };
  const threshold = deletionThreshold(input.account, input.activeUsers);
  if (input.unapproved > threshold) return { action: 'await_approval', threshold };
  return { action: 'apply' };
}

/** "More than 500 objects, or more than 10 % of the integration's active users, whichever is hit first." */
export function deletionThreshold(account: Pick<Account, 'deletionThresholdCount' | 'deletionThresholdPercent'>, activeUsers: number): number {
  return Math.min(account.deletionThresholdCount, Math.floor((activeUsers * account.deletionThresholdPercent) / 100));
}
