import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ADDRESS_TYPES, APPROVAL_KINDS, APPROVAL_STATUSES, CHANGE_KINDS, CHANGE_STATUSES, RUN_STATUSES, RUN_TRIGGERS, RUNNERS, type ApprovalImpact, type DestructiveSummary, type RunCounts, type RunFailure } from '../../core/sync.ts';
import type { CertificateReport } from '../../core/connection-test.ts';
import type { DuplicateAddress } from '../../core/sync-ports.ts';
import type { DeltaMark, DeltaMethod, ReadMode } from '../../core/delta.ts';
import { PREVIEW_SECTIONS } from '../../core/preview.ts';
import { accounts, integrations } from './schema.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const accountId = () => uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' });
const integrationId = () => uuid('integration_id').notNull().references(() => integrations.id, { onDelete: 'cascade' });
/**
 * The directory tables take hundreds of thousands of rows per sync, written only by the sync
 * engine's set-based SQL, which derives every id it writes from rows it just joined. Foreign
 * keys there would cost three index lookups per membership row (most of a full sync's time), so
 * they carry plain ids and the engine does the one cascade there is (purging a user).
 */
const plainAccountId = () => uuid('account_id').notNull();
const plainIntegrationId = () => uuid('integration_id').notNull();

export const addressType = pgEnum('address_type', ADDRESS_TYPES);
export const userStatus = pgEnum('user_status', ['active', 'deleted']);
export const groupStatus = pgEnum('group_status', ['active', 'missing']);
export const runTrigger = pgEnum('run_trigger', RUN_TRIGGERS);
export const runRunner = pgEnum('run_runner', RUNNERS);
export const runStatus = pgEnum('run_status', RUN_STATUSES);
export const changeKind = pgEnum('change_kind', CHANGE_KINDS);
export const changeStatus = pgEnum('change_status', CHANGE_STATUSES);
export const approvalKind = pgEnum('approval_kind', APPROVAL_KINDS);
export const approvalStatus = pgEnum('approval_status', APPROVAL_STATUSES);

export const directoryUsers = pgTable(
  'directory_users',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: plainAccountId(),
    integrationId: plainIntegrationId(),
    /** AD objectGUID in its string form, or OpenLDAP entryUUID. */
    externalId: text('external_id').notNull(),
    dn: text('dn').notNull(),
    displayName: text('display_name'),
    primaryEmail: text('primary_email'),
    addressType: addressType('address_type').notNull(),
    status: userStatus('status').notNull(),
    firstSeenAt: at('first_seen_at').notNull(),
    /** Last time a sync saw the user and wrote it; users still present were seen by the last good run. */
    lastSeenAt: at('last_seen_at').notNull(),
    addressTypeChangedAt: at('address_type_changed_at'),
    deletedAt: at('deleted_at'),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    // The only index: every sync query reaches users through (integration, external id) or by hash join.
    uniqueIndex('directory_users_source_key').on(t.integrationId, t.externalId),
  ],
);

export const directoryAddresses = pgTable(
  'directory_addresses',
  {
    accountId: plainAccountId(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    /** Lower-cased. One owner per account: a second claimant is reported, not written. */
    address: text('address').notNull(),
    isPrimary: boolean('is_primary').notNull(),
  },
  // The natural key is the only index (no surrogate id: 250,000 fewer sequence calls per first sync).
  (t) => [primaryKey({ columns: [t.accountId, t.address] })],
);

export const directoryGroups = pgTable(
  'directory_groups',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: plainAccountId(),
    integrationId: plainIntegrationId(),
    externalId: text('external_id').notNull(),
    dn: text('dn').notNull(),
    name: text('name').notNull(),
    status: groupStatus('status').notNull(),
    firstSeenAt: at('first_seen_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [uniqueIndex('directory_groups_source_key').on(t.integrationId, t.externalId)],
);

/** A user's membership of a group; the group says which integration it comes from. */
export const directoryMemberships = pgTable(
  'directory_memberships',
  {
    groupId: bigint('group_id', { mode: 'number' }).notNull(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    createdAt: at('created_at').notNull(),
  },
  // One index: each extra one is paid on every one of a full sync's hundreds of thousands of
  // inserts. An integration's memberships are found through its groups (group ids lead the key).
  (t) => [primaryKey({ columns: [t.groupId, t.userId] })],
);

export const syncRuns = pgTable(
  'sync_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: accountId(),
    integrationId: integrationId(),
    trigger: runTrigger('trigger').notNull(),
    actor: text('actor').notNull(),
    status: runStatus('status').notNull(),
    /** The schedule slot a scheduled run fills: unique per integration, so replicas enqueue it once. */
    slot: at('slot'),
    acceptDrop: boolean('accept_drop').notNull().default(false),
    /** A preview: read and diffed like a run, nothing applied; what it would do is in sync_run_previews. */
    dryRun: boolean('dry_run').notNull().default(false),
    queuedAt: at('queued_at').notNull(),
    startedAt: at('started_at'),
    finishedAt: at('finished_at'),
    leaseOwner: text('lease_owner'),
    runner: runRunner('runner'),
    leaseExpiresAt: at('lease_expires_at'),
    attempt: integer('attempt').notNull().default(0),
    entriesRead: integer('entries_read').notNull().default(0),
    counts: jsonb('counts').$type<RunCounts>(),
    destructive: jsonb('destructive').$type<DestructiveSummary>(),
    blockedBy: text('blocked_by').array(),
    approvalRequestId: bigint('approval_request_id', { mode: 'number' }),
    duplicates: jsonb('duplicates').$type<DuplicateAddress[]>(),
    failure: jsonb('failure').$type<RunFailure>(),
    /** A failure that is not the directory's (an unreadable stored secret, an internal error). */
    error: text('error'),
    certificate: jsonb('certificate').$type<CertificateReport>(),
    /** What was asked for: full, delta, or null (delta when a valid watermark exists, else full). */
    requestedMode: text('requested_mode').$type<ReadMode>(),
    /** What ran, once the read mode is decided (after connecting). */
    mode: text('mode').$type<ReadMode>(),
    /** Why a full read ran when a delta was asked for. */
    fallbackReason: text('fallback_reason'),
    /** How the delta found its changes (usn, timestamp). */
    deltaMethod: text('delta_method').$type<DeltaMethod>(),
  },
  (t) => [
    // "A request for an integration that already has a run queued or running joins that run."
    // Dry runs apart: a preview never stands in for a sync, nor a sync for a preview.
    uniqueIndex('sync_runs_one_active_key').on(t.integrationId, t.dryRun).where(sql`status in ('queued', 'running')`),
    // One run per slot and read mode: a full and a delta slot at the same minute are two slots.
    uniqueIndex('sync_runs_slot_key').on(t.integrationId, t.slot, sql`coalesce(${t.requestedMode}, '')`).where(sql`slot is not null`),
    index('sync_runs_claim_idx').on(t.status, t.queuedAt),
    index('sync_runs_history_idx').on(t.integrationId, t.id),
  ],
);

export const previewSection = pgEnum('preview_section', PREVIEW_SECTIONS);

/** A dry run's findings, one row per object, in the order the faces list them. Part of the run's record. */
export const syncRunPreviews = pgTable(
  'sync_run_previews',
  {
    runId: bigint('run_id', { mode: 'number' }).notNull().references(() => syncRuns.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    section: previewSection('section').notNull(),
    kind: changeKind('kind'),
    name: text('name'),
    dn: text('dn').notNull(),
    group: text('group_name'),
  },
  // Pages are read per section, in position order.
  (t) => [primaryKey({ columns: [t.runId, t.section, t.position] })],
);

export const pendingChanges = pgTable(
  'pending_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: accountId(),
    integrationId: integrationId(),
    kind: changeKind('kind').notNull(),
    // Plain ids (see above): an applied purge keeps the id of the user it removed, as a record.
    userId: bigint('user_id', { mode: 'number' }),
    groupId: bigint('group_id', { mode: 'number' }),
    status: changeStatus('status').notNull(),
    /** Names of the integrations that held this change (the gate's first step: docs/architecture.md#the-gate). */
    blockedBy: text('blocked_by').array().notNull().default(sql`'{}'::text[]`),
    approved: boolean('approved').notNull().default(false),
    approvalRequestId: bigint('approval_request_id', { mode: 'number' }),
    derivedRunId: bigint('derived_run_id', { mode: 'number' }),
    appliedRunId: bigint('applied_run_id', { mode: 'number' }),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
    heldSince: at('held_since'),
    appliedAt: at('applied_at'),
  },
  (t) => [
    uniqueIndex('pending_changes_open_key').on(t.kind, t.userId, sql`coalesce(${t.groupId}, 0)`).where(sql`status in ('held', 'awaiting_approval')`),
    index('pending_changes_integration_idx').on(t.integrationId, t.status),
    index('pending_changes_account_idx').on(t.accountId, t.status),
  ],
);

export const approvalRequests = pgTable(
  'approval_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: accountId(),
    kind: approvalKind('kind').notNull(),
    integrationId: integrationId(),
    status: approvalStatus('status').notNull(),
    requestedBy: text('requested_by').notNull(),
    requestedAt: at('requested_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: at('decided_at'),
    note: text('note'),
    impact: jsonb('impact').$type<ApprovalImpact>().notNull(),
    runId: bigint('run_id', { mode: 'number' }),
  },
  (t) => [
    uniqueIndex('approval_requests_one_pending_key').on(t.integrationId, t.kind).where(sql`status = 'pending'`),
    index('approval_requests_account_idx').on(t.accountId, t.status),
  ],
);

/**
 * Where the last good read of an integration ended, so a delta reads only what changed since.
 * Written in the apply's transaction: a watermark never runs ahead of what was applied.
 */
export const syncWatermarks = pgTable('sync_watermarks', {
  integrationId: uuid('integration_id').primaryKey().references(() => integrations.id, { onDelete: 'cascade' }),
  mark: jsonb('mark').$type<DeltaMark>().notNull(),
  /** The settings the watermark's read used (core/delta.ts): a delta under other settings would miss objects. */
  fingerprint: text('fingerprint').notNull(),
  takenAt: at('taken_at').notNull(),
  lastFullAt: at('last_full_at'),
  runId: bigint('run_id', { mode: 'number' }),
});

// Staging templates: each run creates unlogged copies of these (see staging-tables.ts), writes
// its read into them page by page, diffs them in SQL, then drops them.
export const stageUsers = pgTable('sync_stage_users', {
  externalId: text('external_id').notNull(),
  dn: text('dn').notNull(),
  /** The DN lower-cased in the reader: member DNs are matched to it without SQL lower() per row. */
  dnKey: text('dn_key').notNull(),
  displayName: text('display_name'),
  primaryEmail: text('primary_email'),
  disabled: boolean('disabled').notNull(),
});
export const stageAddresses = pgTable('sync_stage_addresses', {
  externalId: text('external_id').notNull(),
  address: text('address').notNull(),
  isPrimary: boolean('is_primary').notNull(),
});
export const stageGroups = pgTable('sync_stage_groups', {
  externalId: text('external_id').notNull(),
  dn: text('dn').notNull(),
  name: text('name').notNull(),
});
/** A delta's id lists: ids seen gone (AD) or every id in scope (id-only read, LDAP). */
export const stageIds = pgTable('sync_stage_ids', {
  externalId: text('external_id').notNull(),
});
export const stageMembers = pgTable('sync_stage_members', {
  groupExternalId: text('group_external_id').notNull(),
  /** Lower-cased, like sync_stage_users.dn_key. */
  memberKey: text('member_key').notNull(),
});
