import { and, eq, inArray, sql } from 'drizzle-orm';
import type { NotificationRecord, NotificationSubject } from '../../core/alerts.ts';
import type { ChatMessageRepo, ConversationRepo, DeliveryQueue } from '../../core/chat-ports.ts';
import type { Db } from './client.ts';
import { chatConversations, chatMessages, chatPeople, notificationDeliveries, notifications } from './chat-schema.ts';
import { affected, rows, ts } from './sql.ts';

/**
 * The outbox read side. A delivery row per (notification, platform) records progress; while a
 * dispatcher works on one, `next_attempt_at` is its lease, so a replica that dies mid-post hands
 * the notification to another after the lease.
 */
export function deliveryQueue(db: Db): DeliveryQueue {
  return {
    async claim(platform, owner, limit, leaseMs, notBefore, accountId) {
      const lease = sql`now() + ${`${leaseMs} milliseconds`}::interval`;
      // Undelivered = no row yet, or waiting to be retried, or leased by someone whose lease ran out.
      const claimed = await rows<{ notification_id: string | number; attempts: number }>(db, sql`
        with candidates as (
          select n.id from notifications n
          left join notification_deliveries d on d.notification_id = n.id and d.platform = ${platform}
          where n.created_at >= ${ts(notBefore)}
            ${accountId ? sql`and n.account_id = ${accountId}` : sql``}
            and (d.notification_id is null or (d.status in ('retry', 'sending') and d.next_attempt_at <= now()))
            and not exists (
              select 1 from notifications e
              left join notification_deliveries ed on ed.notification_id = e.id and ed.platform = ${platform}
              where e.subject = n.subject and e.subject_id = n.subject_id and e.id < n.id
                and e.created_at >= ${ts(notBefore)}
                and (ed.status is null or ed.status in ('sending', 'retry')))
          order by n.id
          limit ${limit}
          for update of n skip locked
        )
        insert into notification_deliveries (notification_id, platform, status, attempts, next_attempt_at, lease_owner, updated_at)
        select id, ${platform}, 'sending', 0, ${lease}, ${owner}, now() from candidates
        on conflict (notification_id, platform) do update
          set status = 'sending', lease_owner = excluded.lease_owner, next_attempt_at = excluded.next_attempt_at, updated_at = now()
          where notification_deliveries.status in ('retry', 'sending') and notification_deliveries.next_attempt_at <= now()
        returning notification_id, attempts`);
      if (claimed.length === 0) return [];
      const attempts = new Map(claimed.map((c) => [Number(c.notification_id), c.attempts]));
      const found = await db.select().from(notifications).where(inArray(notifications.id, [...attempts.keys()])).orderBy(notifications.id);
      return found.map((n) => ({ ...(n as NotificationRecord), attempts: attempts.get(n.id) ?? 0 }));
    },
    async settle(id, platform, outcome, error) {
      const final = outcome.status !== 'retry';
      await db
        .update(notificationDeliveries)
        .set({
          status: outcome.status,
          attempts: sql`${notificationDeliveries.attempts} + 1`,
          nextAttemptAt: final ? sql`now()` : outcome.retryAt,
          leaseOwner: null,
          lastError: error,
          updatedAt: sql`now()`,
        })
        .where(and(eq(notificationDeliveries.notificationId, id), eq(notificationDeliveries.platform, platform)));
    },
    async prune(before) {
      return affected(db, sql`delete from notifications where created_at < ${ts(before)}`);
    },
  };
}

export function chatMessageRepo(db: Db): ChatMessageRepo {
  return {
    async find(platform, subject, subjectId) {
      const found = await db.select().from(chatMessages)
        .where(and(eq(chatMessages.platform, platform), eq(chatMessages.subject, subject), eq(chatMessages.subjectId, subjectId)))
        .orderBy(chatMessages.createdAt);
      return found.map((m) => ({ ...m, subject: m.subject as NotificationSubject }));
    },
    async save(message, now) {
      await db.insert(chatMessages).values({ ...message, createdAt: now })
        .onConflictDoUpdate({ target: [chatMessages.platform, chatMessages.subject, chatMessages.subjectId, chatMessages.channel], set: { messageId: message.messageId, meta: message.meta } });
    },
  };
}


export function conversationRepo(db: Db): ConversationRepo {
  return {
    async save(accountId, c, now) {
      await db.insert(chatConversations).values({ ...c, accountId, updatedAt: now })
        .onConflictDoUpdate({ target: [chatConversations.platform, chatConversations.conversationId], set: { reference: c.reference, kind: c.kind, accountId, updatedAt: now } });
    },
    async get(platform, conversationId) {
      const [row] = await db.select().from(chatConversations).where(and(eq(chatConversations.platform, platform), eq(chatConversations.conversationId, conversationId)));
      return row ? { platform: row.platform, conversationId: row.conversationId, kind: row.kind, reference: row.reference } : null;
    },
    async rememberName(identity, displayName, now) {
      await db.insert(chatPeople).values({ identity, displayName, updatedAt: now })
        .onConflictDoUpdate({ target: chatPeople.identity, set: { displayName, updatedAt: now }, setWhere: sql`${chatPeople.displayName} <> excluded.display_name` });
    },
    async names(identities) {
      if (identities.length === 0) return {};
      const rows = await db.select().from(chatPeople).where(inArray(chatPeople.identity, identities));
      return Object.fromEntries(rows.map((r) => [r.identity, r.displayName]));
    },
  };
}
