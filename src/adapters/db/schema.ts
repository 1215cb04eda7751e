import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { TestReport } from '../../core/connection-test.ts';
import type { AuditOutcome } from '../../core/ports.ts';
import type { FailureClass, FailureReason } from '../../core/failures.ts';
import { INTEGRATION_KINDS, INTEGRATION_STATES, TLS_MODES, type ApiSettings, type AttributeMap } from '../../core/integration.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull();

export const integrationKind = pgEnum('integration_kind', INTEGRATION_KINDS);
export const integrationState = pgEnum('integration_state', INTEGRATION_STATES);
export const tlsMode = pgEnum('tls_mode', TLS_MODES);

export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull().unique(),
  timeZone: text('time_zone').notNull(),
  deletionThresholdCount: integer('deletion_threshold_count').notNull(),
  deletionThresholdPercent: integer('deletion_threshold_percent').notNull(),
  lingeringHours: integer('lingering_hours').notNull(),
  mitRetentionDays: integer('mit_retention_days').notNull().default(30),
  purgeRetentionDays: integer('purge_retention_days').notNull().default(30),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const integrations = pgTable(
  'integrations',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: integrationKind('kind').notNull(),
    urls: text('urls').array().notNull(),
    tlsMode: tlsMode('tls_mode').notNull(),
    caPem: text('ca_pem'),
    clientCertPem: text('client_cert_pem'),
    /** AES-256-GCM, see adapters/secrets. */
    clientKeySealed: text('client_key_sealed'),
    bindDn: text('bind_dn').notNull(),
    /** AES-256-GCM, see adapters/secrets. Never stored or logged in clear. */
    bindPasswordSealed: text('bind_password_sealed').notNull(),
    baseDns: text('base_dns').array().notNull(),
    userFilter: text('user_filter').notNull(),
    groupFilter: text('group_filter').notNull(),
    attributes: jsonb('attributes').$type<AttributeMap>().notNull(),
    schedule: text('schedule').notNull(),
    /** Cron of the delta reads, or 'off'. */
    deltaSchedule: text('delta_schedule').notNull().default('*/30 * * * *'),
    connectTimeoutMs: integer('connect_timeout_ms').notNull().default(5000),
    operationTimeoutMs: integer('operation_timeout_ms').notNull().default(15000),
    /** AD accounts with ACCOUNTDISABLE count as gone from the directory, like deleted ones. */
    acknowledgeDisabled: boolean('acknowledge_disabled').notNull().default(false),
    /** Entra ID and Google Workspace settings (no secret: that is sealed in bind_password_sealed). Null for LDAP kinds. */
    api: jsonb('api').$type<ApiSettings>(),
    /** Set when an approved delete removed the integration; its objects then go through the gate. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    state: integrationState('state').notNull(),
    stateChangedAt: timestamp('state_changed_at', { withTimezone: true }).notNull(),
    stateReason: text('state_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('integrations_account_name_key').on(t.accountId, t.name).where(sql`deleted_at is null`)],
);

/** The last connection test of each integration (docs/architecture.md#failure-taxonomy), as its JSON report. */
export const integrationTests = pgTable('integration_tests', {
  integrationId: uuid('integration_id')
    .primaryKey()
    .references(() => integrations.id, { onDelete: 'cascade' }),
  testedAt: timestamp('tested_at', { withTimezone: true }).notNull(),
  actor: text('actor').notNull(),
  ok: boolean('ok').notNull(),
  failureClass: text('failure_class').$type<FailureClass>(),
  failureReason: text('failure_reason').$type<FailureReason>(),
  /** Kept as a column so certificate-expiry warnings need no JSON digging. */
  certificateNotAfter: timestamp('certificate_not_after', { withTimezone: true }),
  report: jsonb('report').$type<TestReport>().notNull(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    outcome: text('outcome').$type<AuditOutcome>().notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [
    index('audit_log_account_id_idx').on(t.accountId, t.id),
    index('audit_log_account_target_idx').on(t.accountId, t.target, t.id),
  ],
);

export * from './sync-schema.ts';
export * from './chat-schema.ts';
export * from './web-schema.ts';
