import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { RunQueue, RunRecord } from '../../core/sync-ports.ts';
import type { Db } from './client.ts';
import { integrations } from './schema.ts';
import { syncRuns } from './sync-schema.ts';
import { previewPage, savePreview } from './run-previews.ts';

const OPEN = ['queued', 'running'] as const;

export function runQueue(db: Db): RunQueue {
  const active = async (integrationId: string, dryRun: boolean) =>
    (await db.select().from(syncRuns).where(and(eq(syncRuns.integrationId, integrationId), eq(syncRuns.dryRun, dryRun), inArray(syncRuns.status, [...OPEN]))))[0] ?? null;

  return {
    async request({ accountId, integrationId, trigger, actor, slot, acceptDrop = false, mode = null, dryRun = false, now }) {
      // The partial unique indexes decide races between replicas: one open run per integration,
      // one run per schedule slot. A loser joins the winner.
      for (let attempt = 0; attempt < 3; attempt++) {
        const [created] = await db
          .insert(syncRuns)
          .values({ accountId, integrationId, trigger, actor, status: 'queued', slot: slot ?? null, acceptDrop, requestedMode: mode, dryRun, queuedAt: now })
          .onConflictDoNothing()
          .returning();
        if (created) return { run: created as RunRecord, joined: false };
        const open = await active(integrationId, dryRun);
        if (open) {
          if (acceptDrop && !open.acceptDrop && open.status === 'queued') {
            await db.update(syncRuns).set({ acceptDrop: true }).where(eq(syncRuns.id, open.id));
          }
          // A full read covers a delta: a queued run asked for full by anyone reads in full.
          const upgrade = mode === 'full' && open.requestedMode !== 'full' && open.status === 'queued';
          if (upgrade) await db.update(syncRuns).set({ requestedMode: 'full' }).where(eq(syncRuns.id, open.id));
          return { run: { ...open, acceptDrop: open.acceptDrop || acceptDrop, requestedMode: upgrade ? 'full' : open.requestedMode } as RunRecord, joined: true };
        }
        if (slot) {
          const sameMode = mode === null ? isNull(syncRuns.requestedMode) : eq(syncRuns.requestedMode, mode);
          const [filled] = await db.select().from(syncRuns).where(and(eq(syncRuns.integrationId, integrationId), eq(syncRuns.slot, slot), sameMode));
          if (filled) return { run: filled as RunRecord, joined: true };
        }
      }
      throw new Error('could not queue or join a run: the open run kept changing');
    },

    async claim(owner, leaseMs, only, runner = 'server') {
      const claimable = or(eq(syncRuns.status, 'queued'), and(eq(syncRuns.status, 'running'), lt(syncRuns.leaseExpiresAt, sql`now()`)));
      const next = db
        .select({ id: syncRuns.id })
        .from(syncRuns)
        .where(only ? and(claimable, inArray(syncRuns.id, only)) : claimable)
        .orderBy(syncRuns.queuedAt, syncRuns.id)
        .limit(1)
        .for('update', { skipLocked: true });
      const [run] = await db
        .update(syncRuns)
        .set({
          status: 'running',
          leaseOwner: owner,
          runner,
          leaseExpiresAt: sql`now() + ${`${leaseMs} milliseconds`}::interval`,
          attempt: sql`${syncRuns.attempt} + 1`,
          startedAt: sql`coalesce(${syncRuns.startedAt}, now())`,
        })
        .where(inArray(syncRuns.id, next))
        .returning();
      return (run as RunRecord | undefined) ?? null;
    },

    async renew(runId, owner, leaseMs, entriesRead) {
      const rows = await db
        .update(syncRuns)
        .set({ leaseExpiresAt: sql`now() + ${`${leaseMs} milliseconds`}::interval`, entriesRead })
        .where(and(eq(syncRuns.id, runId), eq(syncRuns.leaseOwner, owner), eq(syncRuns.status, 'running')))
        .returning({ id: syncRuns.id });
      return rows.length === 1;
    },

    async finish(runId, owner, { preview, ...outcome }) {
      const rows = await db
        .update(syncRuns)
        .set({ ...outcome, finishedAt: sql`now()`, leaseOwner: null, leaseExpiresAt: null })
        .where(and(eq(syncRuns.id, runId), eq(syncRuns.leaseOwner, owner), eq(syncRuns.status, 'running')))
        .returning({ id: syncRuns.id });
      if (rows.length !== 1) return false;
      if (preview) await savePreview(db, runId, preview);
      return true;
    },

    preview: (runId, page) => previewPage(db, runId, page),

    async release(runId, owner) {
      const rows = await db
        .update(syncRuns)
        .set({ status: 'queued', leaseOwner: null, leaseExpiresAt: null })
        .where(and(eq(syncRuns.id, runId), eq(syncRuns.leaseOwner, owner), eq(syncRuns.status, 'running')))
        .returning({ id: syncRuns.id });
      return rows.length === 1;
    },

    async get(runId) {
      return ((await db.select().from(syncRuns).where(eq(syncRuns.id, runId)))[0] as RunRecord | undefined) ?? null;
    },

    async history(integrationId, limit, beforeId) {
      const where = beforeId ? and(eq(syncRuns.integrationId, integrationId), lt(syncRuns.id, beforeId)) : eq(syncRuns.integrationId, integrationId);
      return (await db.select().from(syncRuns).where(where).orderBy(desc(syncRuns.id)).limit(limit)) as RunRecord[];
    },

    async latestPerIntegration(accountId) {
      // One backward step on sync_runs_history_idx per integration, however many runs each has.
      const newest = sql`(select (select r.id from ${syncRuns} r where r.integration_id = i.id and not r.dry_run order by r.id desc limit 1)
        from ${integrations} i where i.account_id = ${accountId} and i.deleted_at is null)`;
      return (await db.select().from(syncRuns).where(inArray(syncRuns.id, newest))) as RunRecord[];
    },

    async lastSucceeded(integrationId, mode) {
      const [run] = await db
        .select()
        .from(syncRuns)
        .where(and(eq(syncRuns.integrationId, integrationId), eq(syncRuns.status, 'succeeded'), eq(syncRuns.dryRun, false), mode && eq(syncRuns.mode, mode)))
        .orderBy(desc(syncRuns.id))
        .limit(1);
      return (run as RunRecord | undefined) ?? null;
    },

    async cancelOpen(integrationId, now) {
      const rows = await db
        .update(syncRuns)
        .set({ status: 'cancelled', finishedAt: now, leaseOwner: null, leaseExpiresAt: null })
        .where(and(eq(syncRuns.integrationId, integrationId), inArray(syncRuns.status, [...OPEN])))
        .returning({ id: syncRuns.id });
      return rows.length;
    },
  };
}
