import { sql } from 'drizzle-orm';
import type { Repos } from '../../core/ports.ts';
import { LostLease, type ApplyOutcome, type SyncStore } from '../../core/sync-ports.ts';
import type { Database, Db } from './client.ts';
import { advisoryLock, count, rows } from './sql.ts';
import { applyUsers, findDuplicates, type ApplyScope } from './sync-apply.ts';
import { applyGroups, applyMemberships } from './sync-apply-groups.ts';
import { bulkSettings, resolveAddresses, resolveGroups, resolveMemberships, resolveUsers, type ResolveScope } from './sync-resolve.ts';
import { deriveChanges, enforceGate, gateFacts, openSummary } from './sync-destructive.ts';
import { DryRunDone, noteOpenChanges, previewItems } from './sync-preview.ts';
import { createStaging } from './staging.ts';
import { completeDelta, loadWatermark, saveWatermark, storedDns } from './sync-delta.ts';
import { createStagingTables, dropStagingTables, sweepStagingTables, table } from './staging-tables.ts';

/** `reposOf` gives the gate the repositories over the apply's transaction. */
export function syncStore(database: Database, reposOf: (tx: Db) => Repos): SyncStore {
  const db = database.db;
  return {
    async staging(runId) {
      await createStagingTables(db, runId);
      return createStaging(database, runId);
    },
    clearStaging: (runId) => dropStagingTables(db, runId),
    sweepStaging: () => sweepStagingTables(db),
    readsDuringApply: database.kind === 'postgres',
    // Overlapping base DNs may return an entry twice; under one base each entry comes once.
    stagedUsers: (runId, { acknowledgeDisabled, baseDns }) =>
      count(db, sql`select count(${baseDns.length > 1 ? sql`distinct external_id` : sql`*`}) as n from ${table(runId, 'users')} where not (disabled and ${acknowledgeDisabled})`),
    knownUsers: (integrationId) =>
      count(db, sql`select count(*) as n from directory_users where integration_id = ${integrationId} and status = 'active' and address_type = 'directory'`),

    watermark: (integrationId) => loadWatermark(db, integrationId),
    storedDns: (integrationId, externalIds) => storedDns(db, integrationId, externalIds),
    completeDelta: (runId, integration, ids) => completeDelta(db, runId, integration, ids),

    async apply({ runId, owner, integration, account, now, groupsStaged, dryRun, gate, watermark }) {
      // The read is resolved to ids on other connections while the transaction writes: users
      // at once (they are staged), their addresses after them, groups and memberships once
      // the groups are staged. Each is observed inside the transaction.
      const r: ResolveScope = { runId, integrationId: integration.id, acknowledgeDisabled: integration.acknowledgeDisabled, overlappingBases: integration.baseDns.length > 1 };
      const users = resolveUsers(db, r);
      const addresses = users.then(() => resolveAddresses(db, r));
      const groups = groupsStaged.then(() => resolveGroups(db, r));
      const memberships = Promise.all([users, groups]).then(() => resolveMemberships(db, r));
      const steps = [users, addresses, groups, memberships];
      for (const step of steps) step.catch(() => {});
      try {
        // PGlite has one connection: the transaction would hold it from its first query.
        if (database.kind !== 'postgres') await Promise.all([addresses, memberships]);
        return await db.transaction(async (t) => {
          const tx = t as unknown as Db;
          // One apply per account at a time, and only by the run's owner. An advisory lock, not a
          // row lock on the run: the owner keeps renewing its lease while this transaction works.
          // Per account: integrations of one account share address ownership and the gate.
          await advisoryLock(tx, 'dirsync.apply', account.id);
          const mine = await rows(tx, sql`select 1 from sync_runs where id = ${runId} and lease_owner = ${owner} and status = 'running'`);
          if (mine.length === 0) throw new LostLease(runId);
          const s: ApplyScope = { ...r, accountId: account.id, now };
          await bulkSettings(tx);
          await users;
          const userCounts = await applyUsers(tx, s, addresses);
          await memberships;
          const { counts: groupCounts, firstGroups } = await applyGroups(tx, s);
          const membershipCounts = await applyMemberships(tx, s, firstGroups);
          const duplicates = await findDuplicates(tx, s);
          await deriveChanges(tx, s, account);
          if (dryRun) await noteOpenChanges(tx, s);
          const { decision, approvalRequestId } = await gate(await gateFacts(tx, s), reposOf(tx));
          const applied = await enforceGate(tx, s, decision, approvalRequestId);
          const destructive = await openSummary(tx, integration.id, applied);
          if (watermark && !dryRun) await saveWatermark(tx, integration.id, runId, watermark, now);
          const outcome: ApplyOutcome = {
            counts: { users: userCounts, groups: groupCounts, memberships: membershipCounts, skipped: 0 },
            destructive,
            blockedBy: decision.action === 'hold' ? decision.blockedBy : [],
            approvalRequestId,
            duplicates: duplicates.sample,
            preview: null,
          };
          // A dry run has done everything a real one would; it lists it and keeps none of it.
          if (dryRun) throw new DryRunDone({ ...outcome, preview: await previewItems(tx, s) });
          return outcome;
        });
      } catch (e) {
        if (e instanceof DryRunDone) return e.outcome;
        throw e;
      } finally {
        // A failed apply returns once no step can still create a staging table behind the
        // caller's clean-up.
        await Promise.allSettled(steps);
      }
    },
  };
}
