import type { Account } from './account.ts';
import type { DeltaMark, DeltaMethod, ReadMode, StoredWatermark } from './delta.ts';
import { CommandError } from './errors.ts';
import type { CertificateReport } from './connection-test.ts';
import type { DirectoryGroup, DirectoryUser } from './directory-entry.ts';
import type { GateDecision, GateIntegration, ReleaseDecision } from './gate.ts';
import type { Integration } from './integration.ts';
import type { Repos } from './ports.ts';
import type { PreviewItem, PreviewPage, PreviewSection } from './preview.ts';
import type { ApprovalImpact, ApprovalKind, ApprovalStatus, ByKind, ChangeKind, DestructiveSummary, RunCounts, RunFailure, RunStatus, RunTrigger, Runner } from './sync.ts';

export interface RunRecord {
  id: number;
  accountId: string;
  integrationId: string;
  trigger: RunTrigger;
  actor: string;
  status: RunStatus;
  slot: Date | null;
  acceptDrop: boolean;
  /** A preview: read and diffed like a run, nothing applied (docs/architecture.md#dry-runs). */
  dryRun: boolean;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  leaseOwner: string | null;
  /** Who claimed the run last; null until claimed (and for runs from before it was recorded). */
  runner: Runner | null;
  leaseExpiresAt: Date | null;
  attempt: number;
  entriesRead: number;
  counts: RunCounts | null;
  destructive: DestructiveSummary | null;
  blockedBy: string[] | null;
  approvalRequestId: number | null;
  duplicates: DuplicateAddress[] | null;
  failure: RunFailure | null;
  error: string | null;
  certificate: CertificateReport | null;
  /** Asked for: full, delta, or null (delta when a valid watermark exists, else full). */
  requestedMode: ReadMode | null;
  /** What ran; null until the run decided (after connecting). */
  mode: ReadMode | null;
  /** Why a full read ran when a delta was asked for. */
  fallbackReason: string | null;
  deltaMethod: DeltaMethod | null;
}

/**
 * An address two users claim (duplicate_address): the owner keeps it. The same DN often appears
 * on both sides, read by two integrations of one directory, so each side names its integration
 * (absent in runs recorded before the names were kept).
 */
export interface DuplicateAddress {
  address: string;
  owner: string;
  ownerIntegration?: string;
  claimant: string;
  claimantIntegration?: string;
}

export type RunOutcome = Pick<RunRecord, 'status' | 'counts' | 'destructive' | 'blockedBy' | 'approvalRequestId' | 'duplicates' | 'failure' | 'certificate'> & {
  error?: string | null;
  entriesRead?: number;
  /** A dry run's findings, kept with its record. */
  preview?: PreviewItem[] | null;
} & Partial<Pick<RunRecord, 'mode' | 'fallbackReason' | 'deltaMethod'>>;

/** A run that failed for reasons of dirsync's own is given this many attempts. */
export const MAX_RUN_ATTEMPTS = 3;

/** Where a run was when its database went away: reading into staging, applying, or recording its result. */
export type RunPhase = 'read' | 'apply' | 'record';
const DURING: Record<RunPhase, string> = { read: 'the read', apply: 'the apply', record: 'the recording of the result' };

/**
 * dirsync's own database went away while a run worked: not the directory's fault. Nothing of
 * the run was applied, unless only its recording was lost: then `outcome` is what it reached.
 */
export class DatabaseConnectionLost extends CommandError {
  readonly runId: number;
  readonly phase: RunPhase;
  /** The driver's words ("connect ECONNREFUSED 127.0.0.1:5432"). */
  readonly diagnostic: string;
  readonly outcome: RunOutcome | null;
  constructor(lost: { runId: number; integration: string; phase: RunPhase; diagnostic: string; outcome: RunOutcome | null }) {
    super(
      'unavailable',
      `${lostDuring(lost.phase)} of ${lost.integration} (sync #${lost.runId}): ${lost.diagnostic}. ` +
        (lost.outcome
          ? "The sync had ended but its result is not recorded yet. Check that dirsync's Postgres is running and reachable."
          : "Nothing of this run was applied. Check that dirsync's Postgres is running and reachable; the sync is retried once it answers."),
    );
    this.name = 'DatabaseConnectionLost';
    this.runId = lost.runId;
    this.phase = lost.phase;
    this.diagnostic = lost.diagnostic;
    this.outcome = lost.outcome;
  }
}

export const lostDuring = (phase: RunPhase) => `the database connection was lost during ${DURING[phase]}`;

/**
 * The run's lease expired and another worker took the run over: this one stops and records
 * nothing (the new owner reports). Thrown where the loss is noticed: a renewal that found the
 * run taken over, or the apply, which checks its owner inside its transaction.
 */
export class LostLease extends Error {
  readonly runId: number;
  constructor(runId: number) {
    super(`run ${runId} is no longer held by this worker (its lease expired and another took it over)`);
    this.name = 'LostLease';
    this.runId = runId;
  }
}

/** Runs claimed from Postgres with leases, so replicas never run one sync twice. */
export interface RunQueue {
  /** Queues a run, or joins the one already queued or running for that integration. */
  request(input: { accountId: string; integrationId: string; trigger: RunTrigger; actor: string; slot?: Date; acceptDrop?: boolean; mode?: ReadMode | null; dryRun?: boolean; now: Date }): Promise<{ run: RunRecord; joined: boolean }>;
  /**
   * Claims the oldest queued run (or one whose lease expired), optionally among `only`.
   * Lease times use the database clock, so replicas with skewed clocks agree.
   */
  claim(owner: string, leaseMs: number, only?: number[], runner?: Runner): Promise<RunRecord | null>;
  /** Extends the lease and records progress; false when the run is no longer this owner's. */
  renew(runId: number, owner: string, leaseMs: number, entriesRead: number): Promise<boolean>;
  /** Records the outcome (and a dry run's findings, `outcome.preview`); false when the run is no longer this owner's. */
  finish(runId: number, owner: string, outcome: RunOutcome): Promise<boolean>;
  /** A dry run's findings: `limit` items of `section` (every section when absent) from `offset`, and each section's total. */
  preview(runId: number, page: { section?: PreviewSection; offset: number; limit: number }): Promise<PreviewPage>;
  /** Gives a claimed run back to the queue at once, for another attempt. */
  release(runId: number, owner: string): Promise<boolean>;
  get(runId: number): Promise<RunRecord | null>;
  history(integrationId: string, limit: number, beforeId?: number): Promise<RunRecord[]>;
  /** The newest real run (any status; dry runs are previews) of each integration of the account that has one, in one query. */
  latestPerIntegration(accountId: string): Promise<RunRecord[]>;
  /** The newest real run that succeeded (of that read mode, if given): a dry run changed nothing, so it is no yardstick. */
  lastSucceeded(integrationId: string, mode?: ReadMode): Promise<RunRecord | null>;
  cancelOpen(integrationId: string, now: Date): Promise<number>;
}

export interface SyncStaging {
  users(users: DirectoryUser[]): Promise<void>;
  /** Every user is written and visible to other connections. */
  usersDone(): Promise<void>;
  groups(groups: DirectoryGroup[]): Promise<void>;
  /** A delta's id list (external ids): gone, or every one in scope, as completeDelta is told. */
  ids(ids: string[]): Promise<void>;
  finish(): Promise<void>;
  abort(): Promise<void>;
}

export interface ApplyOutcome {
  counts: RunCounts;
  destructive: DestructiveSummary;
  blockedBy: string[];
  approvalRequestId: number | null;
  duplicates: DuplicateAddress[];
  /** A dry run's findings; null for a real run. */
  preview: PreviewItem[] | null;
}

/** What the gate decides a run's batch from, read inside the apply's transaction. */
export interface GateFacts {
  /** The account's integrations (not deleted) and their states. */
  integrations: GateIntegration[];
  /** The integration's open changes that nobody approved yet. */
  unapproved: number;
  /** The integration's active users before the batch, for the percentage threshold. */
  activeUsers: number;
}

/** The gate's decision for a batch, and the approval request it raised if it waits for one. */
export interface GateVerdict {
  decision: GateDecision;
  approvalRequestId: number | null;
}

/** The directory model side of a sync: staging, the SQL diff, the gate. */
export interface SyncStore {
  /** Fresh staging for the run (an earlier attempt's is discarded). */
  staging(runId: number): Promise<SyncStaging>;
  clearStaging(runId: number): Promise<void>;
  /** Drops staging left by runs whose worker died; returns how many runs' worth. */
  sweepStaging(): Promise<number>;
  /**
   * Whether users can be applied while groups are still being read (Postgres: yes; PGlite has
   * one connection, which the open transaction would hold from the group writes).
   */
  readsDuringApply: boolean;
  /** Users read in this run that count as present (disabled ones excluded when acknowledged). */
  stagedUsers(runId: number, integration: Pick<Integration, 'acknowledgeDisabled' | 'baseDns'>): Promise<number>;
  /** Users of the integration that Postgres holds as present in the directory. */
  knownUsers(integrationId: string): Promise<number>;
  /** Where the last good read ended (core/delta.ts). */
  watermark(integrationId: string): Promise<StoredWatermark | null>;
  /** The stored DNs of these users (by external id): a delta re-reads the groups that name them. */
  storedDns(integrationId: string, externalIds: string[]): Promise<string[]>;
  /**
   * Turns a delta's staging into a complete read: every object Postgres holds as present that
   * the delta neither read nor saw gone (`ids: 'gone'`) — or that is in the id list (`ids:
   * 'present'`) — is staged as stored, groups with their stored memberships. Changes still
   * open (held, awaiting approval) keep their objects out, so they are derived again as a full
   * read would. Set-based SQL: the stored tables never pass through memory.
   */
  completeDelta(runId: number, integration: Pick<Integration, 'id' | 'accountId'>, ids: 'gone' | 'present'): Promise<void>;
  /**
   * One transaction: non-destructive changes, destructive derivation, the gate. Users are applied
   * first; the groups are taken once `groupsStaged` resolves (if it rejects, everything rolls
   * back). `gate` decides from the facts, inside that transaction (`tx`), and raises what the
   * decision needs; its decision is then carried out. Throws LostLease if `owner` lost the run.
   * A dry run does all of it, lists what it did, and rolls the transaction back.
   */
  apply(input: {
    runId: number;
    owner: string;
    integration: Integration;
    account: Account;
    now: Date;
    groupsStaged: Promise<void>;
    dryRun: boolean;
    gate: (facts: GateFacts, tx: Repos) => Promise<GateVerdict>;
    /** Saved in the apply's transaction: the next delta starts here. */
    watermark: { mark: DeltaMark; fingerprint: string; full: boolean } | null;
  }): Promise<ApplyOutcome>;
}

export interface ApprovalRecord {
  id: number;
  accountId: string;
  kind: ApprovalKind;
  integrationId: string;
  status: ApprovalStatus;
  requestedBy: string;
  requestedAt: Date;
  expiresAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  note: string | null;
  impact: ApprovalImpact;
  runId: number | null;
}

/**
 * What chat renders for an approval card: the row, its integration's name and, while it is
 * pending, the first of the changes it would make (`changes.total` counts them all).
 */
export type ApprovalView = ApprovalRecord & { integration: string; changes?: ChangePage };

/** One destructive change, named: whose address or membership it touches (docs/architecture.md#approvals). */
export interface ChangeItem {
  kind: ChangeKind;
  /** Null only when the user row is gone (a purge already applied). */
  user: { displayName: string | null; dn: string } | null;
  /** The group of a membership removal. */
  group: { name: string; dn: string } | null;
}

/** A page of changes and how many there are in all. */
export interface ChangePage {
  items: ChangeItem[];
  total: number;
}

/**
 * Which changes to name: the open ones an approval request covers, the open ones of an
 * integration, or everything deleting an integration would remove (nothing is derived for that
 * until it is approved).
 */
export type ChangeScope = { approvalRequestId: number } | { integrationId: string; status?: 'held' | 'awaiting_approval' } | { deleting: string };

export interface HeldSummary {
  integrationId: string;
  status: 'held' | 'awaiting_approval';
  byKind: ByKind;
  blockedBy: string[];
  since: Date;
  approvalRequestId: number | null;
}

/**
 * Approval requests (docs/architecture.md#approvals), settled once. Rows only: the commands that
 * change a request queue its chat notification in the same transaction.
 */
export interface ApprovalRepo {
  /**
   * The pending request of this kind for the integration, created if there is none; impact
   * refreshed. `impactChanged`: an existing request now shows another impact.
   */
  ensure(input: { accountId: string; integrationId: string; kind: ApprovalKind; requestedBy: string; impact: ApprovalImpact; runId: number | null; now: Date; expiresAt: Date }): Promise<{ request: ApprovalRecord; created: boolean; impactChanged: boolean }>;
  get(accountId: string, id: number, opts?: { lock?: boolean }): Promise<ApprovalRecord | null>;
  /** Newest first; `beforeId` pages on. */
  list(accountId: string, filter: { statuses?: ApprovalStatus[]; integrationId?: string; limit: number; beforeId?: number }): Promise<ApprovalRecord[]>;
  /** Settles a pending request once; false when it was no longer pending. */
  settle(id: number, status: Exclude<ApprovalStatus, 'pending'>, by: string | null, note: string | null, now: Date): Promise<boolean>;
  /** Marks every request past its expiry as expired; returns them. */
  expire(now: Date, accountId?: string): Promise<ApprovalRecord[]>;
}


/** Operations on open destructive changes that commands need, inside their transactions. */
export interface ChangeRepo {
  /** Open (held / awaiting approval) changes, per integration and status, with their blockers. */
  summary(accountId: string, integrationId?: string): Promise<HeldSummary[]>;
  /** The changes of a scope by user and group, users ordered by display name; `limit` null: all of them. */
  items(accountId: string, scope: ChangeScope, page: { limit: number | null; offset: number }): Promise<ChangePage>;
  /** Counts of an integration's objects, for a delete request. */
  integrationImpact(integrationId: string): Promise<ApprovalImpact>;
  /** What an approval of the integration's open, unapproved changes would do. */
  batchImpact(integrationId: string): Promise<ApprovalImpact>;
  /** Marks the changes of an approved batch approved; they then skip the threshold step. */
  approveBatch(approvalRequestId: number, now: Date): Promise<number>;
  rejectBatch(approvalRequestId: number, now: Date): Promise<number>;
  /** After an approved delete: every object of the integration leaves, as approved changes. */
  removeIntegrationObjects(input: { accountId: string; integrationId: string; now: Date }): Promise<ApprovalImpact>;
  /**
   * Carries out gate step 1 (decideRelease) for the changes that need no run to re-derive them
   * (approved, or of a deleted integration); returns what was applied.
   */
  release(accountId: string, decision: ReleaseDecision, now: Date): Promise<ByKind>;
}
