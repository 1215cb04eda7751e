import type { Account } from './account.ts';
import type { IntegrationState } from './integration.ts';

export type GateDecision =
  | { action: 'hold'; blockedBy: string[] }
  | { action: 'await_approval'; threshold: number }
  | { action: 'apply' };

/** Gate step 1 alone: what changes past the threshold step get (approved ones, a deleted integration's). */
export type ReleaseDecision = Extract<GateDecision, { action: 'hold' | 'apply' }>;

/** An integration of the account (not deleted) as the gate sees it. */
export interface GateIntegration {
  id: string;
  name: string;
  state: IntegrationState;
}

/**
 * What holds every destructive change of the account: its disabled or errored integrations.
 * The integration whose run is applying does not block: its read has just succeeded, and the
 * run moves it out of `error` when it is recorded.
 */
export function blockersOf(integrations: GateIntegration[], applying: string | null): string[] {
  return integrations
    .filter((i) => i.id !== applying && (i.state === 'disabled' || i.state === 'error'))
    .map((i) => i.name)
    .sort();
}

/** Gate step 1: held naming the blockers while anything blocks the account, else applied. */
export function decideRelease(input: { integrations: GateIntegration[]; applying: string | null }): ReleaseDecision {
  const blockedBy = blockersOf(input.integrations, input.applying);
  return blockedBy.length > 0 ? { action: 'hold', blockedBy } : { action: 'apply' };
}

/**
 * The gate (docs/architecture.md#the-gate), in order: any disabled or errored integration of
 * the account holds every destructive change of every integration; else a batch above the
 * deletion threshold waits for approval; else it is applied. Already-approved changes skip the
 * threshold step (see decideRelease).
 */
export function decideGate(input: {
  integrations: GateIntegration[];
  /** The integration whose run applies this batch. */
  applying: string;
  /** Destructive changes of this batch that nobody approved yet. */
  unapproved: number;
  /** The integration's active users before the batch, for the percentage threshold. */
  activeUsers: number;
  account: Pick<Account, 'deletionThresholdCount' | 'deletionThresholdPercent'>;
}): GateDecision {
  const held = decideRelease(input);
  if (held.action === 'hold') return held;
  const threshold = deletionThreshold(input.account, input.activeUsers);
  if (input.unapproved > threshold) return { action: 'await_approval', threshold };
  return { action: 'apply' };
}

/** "More than 500 objects, or more than 10 % of the integration's active users, whichever is hit first." */
export function deletionThreshold(account: Pick<Account, 'deletionThresholdCount' | 'deletionThresholdPercent'>, activeUsers: number): number {
  return Math.min(account.deletionThresholdCount, Math.floor((activeUsers * account.deletionThresholdPercent) / 100));
}
