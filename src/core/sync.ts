import type { FailureReport } from './connection-test.ts';

/** The words every layer uses for directory objects, runs and destructive changes. */
export const ADDRESS_TYPES = ['directory', 'message_in_transit'] as const;
export type AddressType = (typeof ADDRESS_TYPES)[number];

export const RUN_TRIGGERS = ['schedule', 'manual', 'sync_all'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/**
 * What executed a run: a server's workers, a `dirsync agent` (Node, beside the directory, only
 * outbound connections), `dirsync sync` in a terminal, or a Cloudflare Worker.
 */
export const RUNNERS = ['server', 'agent', 'cli', 'worker'] as const;
export type Runner = (typeof RUNNERS)[number];

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** A finished run never changes again, so whoever follows it can stop. A new status must say which it is. */
const FINISHED: Record<RunStatus, boolean> = { queued: false, running: false, succeeded: true, failed: true, cancelled: true };
export const isFinished = (status: RunStatus): boolean => FINISHED[status];

/** Exactly the destructive changes: they go through the gate (docs/architecture.md#the-gate); the rest applies at once. */
export const CHANGE_KINDS = ['remove_membership', 'change_address_type', 'delete_user', 'purge_user'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_STATUSES = ['held', 'awaiting_approval', 'applied', 'superseded', 'rejected'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

export const APPROVAL_KINDS = ['delete_integration', 'apply_batch'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'expired', 'cancelled'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export type ByKind = Record<ChangeKind, number>;
export const emptyByKind = (): ByKind => ({ remove_membership: 0, change_address_type: 0, delete_user: 0, purge_user: 0 });
export const totalOf = (b: ByKind) => CHANGE_KINDS.reduce((n, k) => n + b[k], 0);

export interface ObjectCounts {
  added: number;
  updated: number;
  unchanged: number;
  restored: number;
}
/** Objects the directory held at the end of a run, whatever the run did to each. */
export const presentCount = (c: ObjectCounts) => c.added + c.updated + c.unchanged + c.restored;

export interface RunCounts {
  users: ObjectCounts;
  groups: ObjectCounts;
  memberships: ObjectCounts;
  /** Users read without the unique-id attribute: they cannot be synced. */
  skipped: number;
}

export interface DestructiveSummary {
  applied: number;
  held: number;
  awaitingApproval: number;
  byKind: { applied: ByKind; held: ByKind; awaitingApproval: ByKind };
}

/** A failed run's classification, the same shape a failed test reports. */
export type RunFailure = Omit<FailureReport, 'stage'> & { stage: FailureReport['stage'] | 'read' | 'apply' };

export interface ApprovalImpact {
  users: number;
  groups: number;
  memberships: number;
  byKind: ByKind;
}
