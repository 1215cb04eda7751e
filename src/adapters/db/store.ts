import { and, desc, eq, inArray, isNull, lt, type SQL } from 'drizzle-orm';
import { CommandError } from '../../core/errors.ts';
import type { Integration } from '../../core/integration.ts';
import type { AccountRepo, AuditRepo, IntegrationRepo, Repos, Store, TestRepo } from '../../core/ports.ts';
import type { Database, Db } from './client.ts';
import { sqlState } from './sql-state.ts';
import { approvalRepo } from './approvals.ts';
import { connectionLoss } from './connection-loss.ts';
import { alertRepo, destinationRepo, notificationRepo, roleRepo } from './chat-repos.ts';
import { chatMessageRepo, conversationRepo, deliveryQueue } from './deliveries.ts';
import { metricsSnapshot } from './metrics.ts';
import { changeRepo } from './changes.ts';
import { runQueue } from './runs.ts';
import { seenRequestRepo } from './seen-requests.ts';
import { accounts, auditLog, integrations, integrationTests } from './schema.ts';
import { syncStore } from './sync-store.ts';
import { loginFailureRepo, setupTokenRepo, webSessionRepo, webUserRepo } from './web-repos.ts';

export function createStore(database: Database): Store {
  const { db } = database;
  return {
    ...repos(db),
    sync: syncStore(database, repos),
    deliveries: deliveryQueue(db),
    chatMessages: chatMessageRepo(db),
    conversations: conversationRepo(db),
    seenRequests: seenRequestRepo(db),
    metrics: () => metricsSnapshot(db),
    transaction: (fn) => db.transaction((tx) => fn(repos(tx as unknown as Db))),
    async ping() {
      await db.execute('select 1');
    },
    connectionLoss,
    close: () => database.close(),
  };
}

function repos(db: Db): Repos {
  return {
    accounts: accountRepo(db),
    integrations: integrationRepo(db),
    audit: auditRepo(db),
    tests: testRepo(db),
    runs: runQueue(db),
    approvals: approvalRepo(db),
    changes: changeRepo(db),
    roles: roleRepo(db),
    destinations: destinationRepo(db),
    alerts: alertRepo(db),
    notifications: notificationRepo(db),
    webUsers: webUserRepo(db),
    webSessions: webSessionRepo(db),
    setupTokens: setupTokenRepo(db),
    loginFailures: loginFailureRepo(db),
  };
}

function accountRepo(db: Db): AccountRepo {
  return {
    async findByName(name) {
      return (await db.select().from(accounts).where(eq(accounts.name, name)))[0] ?? null;
    },
    async findById(id) {
      return (await db.select().from(accounts).where(eq(accounts.id, id)))[0] ?? null;
    },
    list: () => db.select().from(accounts).orderBy(accounts.name),
    async ensure(account, at) {
      await db.insert(accounts).values({ ...account, createdAt: at, updatedAt: at }).onConflictDoNothing({ target: accounts.name });
      return (await db.select().from(accounts).where(eq(accounts.name, account.name)))[0]!;
    },
    async update(id, patch, at) {
      const [row] = await db.update(accounts).set({ ...patch, updatedAt: at }).where(eq(accounts.id, id)).returning();
      if (!row) throw new CommandError('not_found', `account ${id} does not exist`);
      return row;
    },
  };
}

function integrationRepo(db: Db): IntegrationRepo {
  const one = async (query: Promise<Integration[]>) => (await query)[0] ?? null;
  return {
    async insert(row) {
      try {
        await db.insert(integrations).values(row);
      } catch (e) {
        // The unique index is the backstop for two concurrent adds of the same name.
        if (sqlState(e) === '23505') throw new CommandError('conflict', `integration "${row.name}" already exists`);
        throw e;
      }
    },
    async update(id, patch, at) {
      try {
        const [row] = await db.update(integrations).set({ ...patch, updatedAt: at }).where(eq(integrations.id, id)).returning();
        if (!row) throw new CommandError('not_found', `integration ${id} does not exist`);
        return row;
      } catch (e) {
        if (sqlState(e) === '23505') throw new CommandError('conflict', `integration "${patch.name}" already exists`);
        throw e;
      }
    },
    async setState(id, state, reason, at) {
      const [row] = await db
        .update(integrations)
        .set({ state, stateReason: reason, stateChangedAt: at, updatedAt: at })
        .where(eq(integrations.id, id))
        .returning();
      if (!row) throw new CommandError('not_found', `integration ${id} does not exist`);
      return row;
    },
    findByName(accountId, name, opts = {}) {
      const query = db.select().from(integrations).where(and(eq(integrations.accountId, accountId), eq(integrations.name, name), isNull(integrations.deletedAt)));
      return one(opts.lock ? query.for('update') : query);
    },
    async findById(id) {
      return (await db.select().from(integrations).where(eq(integrations.id, id)))[0] ?? null;
    },
    async markDeleted(id, at) {
      await db.update(integrations).set({ deletedAt: at, state: 'disabled', stateChangedAt: at, stateReason: 'deleted', updatedAt: at }).where(eq(integrations.id, id));
    },
    async schedulable() {
      const found = await db
        .select({ integration: integrations, timeZone: accounts.timeZone })
        .from(integrations)
        .innerJoin(accounts, eq(accounts.id, integrations.accountId))
        .where(and(isNull(integrations.deletedAt), inArray(integrations.state, ['enabled', 'error'])));
      return found.map((f) => ({ ...f.integration, timeZone: f.timeZone }));
    },
    list(accountId) {
      return db.select().from(integrations).where(and(eq(integrations.accountId, accountId), isNull(integrations.deletedAt))).orderBy(integrations.name);
    },
  };
}

function testRepo(db: Db): TestRepo {
  return {
    async save(test) {
      const { integrationId, ...rest } = test;
      await db.insert(integrationTests).values(test).onConflictDoUpdate({ target: integrationTests.integrationId, set: rest });
    },
    async latest(integrationId) {
      return (await db.select().from(integrationTests).where(eq(integrationTests.integrationId, integrationId)))[0] ?? null;
    },
  };
}

function auditRepo(db: Db): AuditRepo {
  return {
    async record(entry) {
      await db.insert(auditLog).values(entry);
    },
    async list(q) {
      const conditions: SQL[] = [eq(auditLog.accountId, q.accountId)];
      if (q.beforeId !== undefined) conditions.push(lt(auditLog.id, q.beforeId));
      if (q.action) conditions.push(eq(auditLog.action, q.action));
      if (q.actor) conditions.push(eq(auditLog.actor, q.actor));
      if (q.target) conditions.push(eq(auditLog.target, q.target));
      return db.select().from(auditLog).where(and(...conditions)).orderBy(desc(auditLog.id)).limit(q.limit);
    },
  };
}
