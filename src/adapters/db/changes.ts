import { sql } from 'drizzle-orm';
import { emptyByKind, type ChangeKind } from '../../core/sync.ts';
import type { ChangeRepo, HeldSummary } from '../../core/sync-ports.ts';
import type { Db } from './client.ts';
import { affected, rows, ts } from './sql.ts';
import { applyChanges, holdChanges } from './sync-destructive.ts';
import { changeItems } from './change-items.ts';

export function changeRepo(db: Db): ChangeRepo {
  return {
    async summary(accountId, integrationId) {
      const found = await rows<{ integration_id: string; status: 'held' | 'awaiting_approval'; kind: ChangeKind; n: string | number; since: Date | string; blocked_by: string[]; approval_request_id: number | null }>(db, sql`
        select integration_id, status, kind, count(*) as n, min(coalesce(held_since, created_at)) as since, blocked_by, max(approval_request_id) as approval_request_id
        from pending_changes
        where account_id = ${accountId} and status in ('held', 'awaiting_approval') ${integrationId ? sql`and integration_id = ${integrationId}` : sql``}
        group by integration_id, status, kind, blocked_by order by integration_id, status`);
      const out = new Map<string, HeldSummary>();
      for (const f of found) {
        const key = `${f.integration_id}/${f.status}`;
        const entry = out.get(key) ?? { integrationId: f.integration_id, status: f.status, byKind: emptyByKind(), blockedBy: [], since: new Date(f.since), approvalRequestId: null };
        entry.byKind[f.kind] += Number(f.n);
        entry.blockedBy = [...new Set([...entry.blockedBy, ...(f.blocked_by ?? [])])].sort();
        if (new Date(f.since) < entry.since) entry.since = new Date(f.since);
        entry.approvalRequestId ??= f.approval_request_id === null ? null : Number(f.approval_request_id);
        out.set(key, entry);
      }
      return [...out.values()];
    },

    items: (accountId, scope, page) => changeItems(db, accountId, scope, page),

    async integrationImpact(integrationId) {
      const [c] = await rows<{ users: string | number; groups: string | number; memberships: string | number }>(db, sql`
        select
          (select count(*) from directory_users where integration_id = ${integrationId} and status = 'active' and address_type = 'directory') as users,
          (select count(*) from directory_groups where integration_id = ${integrationId} and status = 'active') as groups,
          (select count(*) from directory_memberships m join directory_groups g on g.id = m.group_id where g.integration_id = ${integrationId}) as memberships`);
      const users = Number(c?.users ?? 0);
      const memberships = Number(c?.memberships ?? 0);
      return { users, groups: Number(c?.groups ?? 0), memberships, byKind: { ...emptyByKind(), change_address_type: users, remove_membership: memberships } };
    },

    async batchImpact(integrationId) {
      const found = await rows<{ kind: ChangeKind; n: string | number; users: string | number; groups: string | number }>(db, sql`
        select kind, count(*) as n, count(distinct user_id) as users, count(distinct group_id) as groups from pending_changes
        where integration_id = ${integrationId} and status in ('held', 'awaiting_approval') and not approved group by kind`);
      const byKind = emptyByKind();
      let users = 0;
      for (const f of found) {
        byKind[f.kind] = Number(f.n);
        if (f.kind !== 'remove_membership') users += Number(f.users);
      }
      const groups = Number(found.find((f) => f.kind === 'remove_membership')?.groups ?? 0);
      return { users, groups, memberships: byKind.remove_membership, byKind };
    },

    approveBatch: (id, now) =>
      affected(db, sql`update pending_changes set approved = true, updated_at = ${ts(now)} where approval_request_id = ${id} and status in ('held', 'awaiting_approval')`),
    rejectBatch: (id, now) =>
      affected(db, sql`update pending_changes set status = 'rejected', updated_at = ${ts(now)} where approval_request_id = ${id} and status = 'awaiting_approval' and not approved`),

    async removeIntegrationObjects({ accountId, integrationId, now }) {
      const impact = await this.integrationImpact(integrationId);
      // Open changes of the integration are replaced by the approved removal of everything.
      await db.execute(sql`update pending_changes set status = 'superseded', updated_at = ${ts(now)} where integration_id = ${integrationId} and status in ('held', 'awaiting_approval')`);
      await db.execute(sql`
        insert into pending_changes (account_id, integration_id, kind, user_id, group_id, status, approved, created_at, updated_at)
        select ${accountId}::uuid, ${integrationId}::uuid, 'remove_membership'::change_kind, m.user_id, m.group_id, 'held'::change_status, true, ${ts(now)}, ${ts(now)}
          from directory_memberships m join directory_groups g on g.id = m.group_id where g.integration_id = ${integrationId}
        union all
        select ${accountId}::uuid, ${integrationId}::uuid, 'change_address_type'::change_kind, id, null::bigint, 'held'::change_status, true, ${ts(now)}, ${ts(now)} from directory_users
          where integration_id = ${integrationId} and status = 'active' and address_type = 'directory'`);
      await db.execute(sql`update directory_groups set status = 'missing', updated_at = ${ts(now)} where integration_id = ${integrationId} and status = 'active'`);
      return impact;
    },

    async release(accountId, decision, now) {
      const releasable = sql`account_id = ${accountId} and status in ('held', 'awaiting_approval')
        and (approved or integration_id in (select id from integrations where deleted_at is not null))`;
      if (decision.action === 'apply') return applyChanges(db, { runId: null, now }, releasable);
      await holdChanges(db, releasable, decision.blockedBy, now);
      return emptyByKind();
    },
  };
}
