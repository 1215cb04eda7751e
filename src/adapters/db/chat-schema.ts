import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ALERT_KINDS, ALERT_STATUSES, type AlertDetail, type NotificationPayload } from '../../core/alerts.ts';
import type { FailureClass } from '../../core/failures.ts';
import { ROLES } from '../../core/roles.ts';
import { accounts, integrations } from './schema.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const accountId = () => uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' });

export const role = pgEnum('role', ROLES);
export const alertKind = pgEnum('alert_kind', ALERT_KINDS);
export const alertStatus = pgEnum('alert_status', ALERT_STATUSES);

/** Chat and web identities (`slack:U024BE7LH`) mapped to a role per account; anyone else is a viewer. */
export const roleBindings = pgTable(
  'role_bindings',
  {
    accountId: accountId(),
    identity: text('identity').notNull(),
    role: role('role').notNull(),
    grantedBy: text('granted_by').notNull(),
    grantedAt: at('granted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.identity] })],
);

/** Where an account's alerts go on each platform (`alerts here` / `alerts off`). */
export const alertDestinations = pgTable(
  'alert_destinations',
  {
    accountId: accountId(),
    platform: text('platform').notNull(),
    /** Slack: `{ channel }`; Teams: a conversation reference. null: alerts are off on this platform. */
    target: jsonb('target').$type<Record<string, unknown>>(),
    setBy: text('set_by').notNull(),
    setAt: at('set_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.platform] })],
);

export const alerts = pgTable(
  'alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: accountId(),
    integrationId: uuid('integration_id').notNull().references(() => integrations.id, { onDelete: 'cascade' }),
    kind: alertKind('kind').notNull(),
    class: text('class').$type<FailureClass>(),
    reason: text('reason'),
    status: alertStatus('status').notNull(),
    count: integer('count').notNull(),
    firstSeenAt: at('first_seen_at').notNull(),
    lastSeenAt: at('last_seen_at').notNull(),
    lastNotifiedAt: at('last_notified_at').notNull(),
    resolvedAt: at('resolved_at'),
    resolution: text('resolution'),
    snoozedUntil: at('snoozed_until'),
    snoozedBy: text('snoozed_by'),
    detail: jsonb('detail').$type<AlertDetail>().notNull(),
  },
  (t) => [
    // One open alert per problem: (integration, kind, class).
    uniqueIndex('alerts_one_open_key').on(t.integrationId, t.kind, sql`coalesce(${t.class}, '')`).where(sql`status = 'open'`),
    index('alerts_account_idx').on(t.accountId, t.status, t.id),
  ],
);

/**
 * The outbox: events written in the same transaction as the change they announce (a run that
 * failed, an approval settled), delivered to each chat platform by its dispatcher.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: accountId(),
    subject: text('subject').notNull(),
    subjectId: bigint('subject_id', { mode: 'number' }).notNull(),
    event: text('event').notNull(),
    payload: jsonb('payload').$type<NotificationPayload>().notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('notifications_subject_idx').on(t.subject, t.subjectId, t.id), index('notifications_created_idx').on(t.createdAt)],
);

/** Per platform: whether a notification was delivered, or when to try again. */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    notificationId: bigint('notification_id', { mode: 'number' }).notNull().references(() => notifications.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    /** sending (leased), retry, sent, skipped (no destination), failed (gave up). */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull(),
    nextAttemptAt: at('next_attempt_at').notNull(),
    leaseOwner: text('lease_owner'),
    lastError: text('last_error'),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.platform] })],
);

/** The chat messages that show an alert or an approval, so they can be updated in place. */
export const chatMessages = pgTable(
  'chat_messages',
  {
    platform: text('platform').notNull(),
    subject: text('subject').notNull(),
    subjectId: bigint('subject_id', { mode: 'number' }).notNull(),
    /** Slack channel id; Teams conversation id. */
    channel: text('channel').notNull(),
    /** Slack message ts; Teams activity id. */
    messageId: text('message_id').notNull(),
    /** What the platform needs to reach the message again (Teams: the conversation reference). */
    meta: jsonb('meta').$type<Record<string, unknown>>(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [uniqueIndex('chat_messages_subject_key').on(t.platform, t.subject, t.subjectId, t.channel)],
);

/**
 * Where a chat platform can reach a conversation later (Teams: the conversation reference with
 * its service URL), refreshed on every message the bot receives there.
 */
export const chatConversations = pgTable(
  'chat_conversations',
  {
    platform: text('platform').notNull(),
    conversationId: text('conversation_id').notNull(),
    accountId: accountId(),
    /** personal, channel or groupChat. */
    kind: text('kind').notNull(),
    reference: jsonb('reference').$type<Record<string, unknown>>().notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.conversationId] })],
);

/** Display names of chat identities, as their platform last told us (Teams cards show names, not ids). */
export const chatPeople = pgTable('chat_people', {
  identity: text('identity').primaryKey(),
  displayName: text('display_name').notNull(),
  updatedAt: at('updated_at').notNull(),
});

/**
 * Signed chat requests already accepted (by signature) or handled (by what identifies them), so
 * that a replay is refused and a retry runs once on whichever replica it reaches. Short-lived:
 * rows past `expires_at` no longer count and are pruned.
 */
export const seenRequests = pgTable(
  'seen_requests',
  {
    key: text('key').primaryKey(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [index('seen_requests_expires_idx').on(t.expiresAt)],
);
