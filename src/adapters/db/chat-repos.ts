import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { AlertRecord } from '../../core/alerts.ts';
import type { AlertRepo, DestinationRepo, NotificationRepo, RoleRepo } from '../../core/chat-ports.ts';
import type { Db } from './client.ts';
import { advisoryLock } from './sql.ts';
import { alertDestinations, alerts, notifications, roleBindings } from './chat-schema.ts';


export function roleRepo(db: Db): RoleRepo {
  return {
    async roleOf(accountId, identity) {
      const [row] = await db.select({ role: roleBindings.role }).from(roleBindings).where(and(eq(roleBindings.accountId, accountId), eq(roleBindings.identity, identity)));
      return row?.role ?? null;
    },
    list: (accountId) =>
      db.select({ identity: roleBindings.identity, role: roleBindings.role, grantedBy: roleBindings.grantedBy, grantedAt: roleBindings.grantedAt })
        .from(roleBindings).where(eq(roleBindings.accountId, accountId)).orderBy(roleBindings.identity),
    async grant(accountId, binding) {
      const before = await this.roleOf(accountId, binding.identity);
      await db.insert(roleBindings).values({ accountId, ...binding })
        .onConflictDoUpdate({ target: [roleBindings.accountId, roleBindings.identity], set: { role: binding.role, grantedBy: binding.grantedBy, grantedAt: binding.grantedAt } });
      return before;
    },
    async revoke(accountId, identity) {
      const [row] = await db.delete(roleBindings).where(and(eq(roleBindings.accountId, accountId), eq(roleBindings.identity, identity))).returning({ role: roleBindings.role });
      return row?.role ?? null;
    },
    async lock(accountId) {
      await advisoryLock(db, 'roles', accountId);
    },
  };
}

export function destinationRepo(db: Db): DestinationRepo {
  return {
    async get(accountId, platform) {
      const [row] = await db.select().from(alertDestinations).where(and(eq(alertDestinations.accountId, accountId), eq(alertDestinations.platform, platform)));
      return row ? { platform: row.platform, target: row.target, setBy: row.setBy, setAt: row.setAt } : null;
    },
    async set(accountId, d) {
      await db.insert(alertDestinations).values({ accountId, ...d })
        .onConflictDoUpdate({ target: [alertDestinations.accountId, alertDestinations.platform], set: { target: d.target, setBy: d.setBy, setAt: d.setAt } });
    },
  };
}

export function alertRepo(db: Db): AlertRepo {
  return {
    async lock(accountId) {
      await advisoryLock(db, 'alerts', accountId);
    },
    async open(accountId, integrationId) {
      const where = and(eq(alerts.accountId, accountId), eq(alerts.status, 'open'), integrationId ? eq(alerts.integrationId, integrationId) : undefined);
      return (await db.select().from(alerts).where(where).orderBy(alerts.id)) as AlertRecord[];
    },
    async get(accountId, id) {
      const [row] = await db.select().from(alerts).where(and(eq(alerts.accountId, accountId), eq(alerts.id, id)));
      return (row as AlertRecord | undefined) ?? null;
    },
    async list(accountId, filter) {
      const where: SQL[] = [eq(alerts.accountId, accountId)];
      if (filter.status) where.push(eq(alerts.status, filter.status));
      if (filter.beforeId) where.push(lt(alerts.id, filter.beforeId));
      return (await db.select().from(alerts).where(and(...where)).orderBy(desc(alerts.id)).limit(filter.limit)) as AlertRecord[];
    },
    async insert({ now, ...alert }) {
      const [row] = await db.insert(alerts)
        .values({ ...alert, status: 'open', count: 1, firstSeenAt: now, lastSeenAt: now, lastNotifiedAt: now })
        .returning();
      return row as AlertRecord;
    },
    async update(id, patch) {
      const { id: _id, accountId: _a, integrationId: _i, ...set } = patch;
      const [row] = await db.update(alerts).set(set).where(eq(alerts.id, id)).returning();
      if (!row) throw new Error(`alert ${id} vanished`);
      return row as AlertRecord;
    },
  };
}

export function notificationRepo(db: Db): NotificationRepo {
  return {
    async enqueue({ now, ...n }) {
      await db.insert(notifications).values({ ...n, createdAt: now });
    },
  };
}
