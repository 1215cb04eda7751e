import { and, desc, eq, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { ApprovalRepo } from '../../core/sync-ports.ts';
import type { Db } from './client.ts';
import { approvalRequests } from './sync-schema.ts';

export function approvalRepo(db: Db): ApprovalRepo {
  return {
    async ensure(input) {
      const [created] = await db
        .insert(approvalRequests)
        .values({ ...input, status: 'pending', requestedAt: input.now })
        .onConflictDoNothing()
        .returning();
      if (created) return { request: created, created: true, impactChanged: false };
      const pending = and(eq(approvalRequests.integrationId, input.integrationId), eq(approvalRequests.kind, input.kind), eq(approvalRequests.status, 'pending'));
      const [before] = await db.select({ impact: approvalRequests.impact }).from(approvalRequests).where(pending);
      const [existing] = await db
        .update(approvalRequests)
        .set({ impact: input.impact, runId: input.runId ?? sql`${approvalRequests.runId}` })
        .where(pending)
        .returning();
      if (!existing) throw new Error('approval request vanished while being refreshed');
      return { request: existing, created: false, impactChanged: JSON.stringify(before?.impact) !== JSON.stringify(existing.impact) };
    },
    async get(accountId, id, opts = {}) {
      const query = db.select().from(approvalRequests).where(and(eq(approvalRequests.accountId, accountId), eq(approvalRequests.id, id)));
      return (await (opts.lock ? query.for('update') : query))[0] ?? null;
    },
    async list(accountId, filter) {
      const where: SQL[] = [eq(approvalRequests.accountId, accountId)];
      if (filter.statuses) where.push(inArray(approvalRequests.status, filter.statuses));
      if (filter.integrationId) where.push(eq(approvalRequests.integrationId, filter.integrationId));
      if (filter.beforeId !== undefined) where.push(lt(approvalRequests.id, filter.beforeId));
      return db.select().from(approvalRequests).where(and(...where)).orderBy(desc(approvalRequests.id)).limit(filter.limit);
    },
    async settle(id, status, by, note, now) {
      const rows = await db
        .update(approvalRequests)
        .set({ status, decidedBy: by, decidedAt: now, note })
        .where(and(eq(approvalRequests.id, id), eq(approvalRequests.status, 'pending')))
        .returning({ id: approvalRequests.id });
      return rows.length === 1;
    },
    async expire(now, accountId) {
      const due = and(eq(approvalRequests.status, 'pending'), lte(approvalRequests.expiresAt, now), accountId ? eq(approvalRequests.accountId, accountId) : undefined);
      return db.update(approvalRequests).set({ status: 'expired', decidedAt: now }).where(due).returning();
    },
  };
}
