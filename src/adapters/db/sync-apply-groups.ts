import { sql } from 'drizzle-orm';
import type { ObjectCounts } from '../../core/sync.ts';
import type { Db } from './client.ts';
import { affected, count, ts } from './sql.ts';
import { table } from './staging-tables.ts';
import type { ApplyScope } from './sync-apply.ts';

export async function prepareGroups(tx: Db, s: ApplyScope): Promise<void> {
  await tx.execute(sql`
    create temp table t_groups on commit drop as
    select distinct on (external_id) external_id, dn, name from ${table(s.runId, 'groups')} order by external_id, dn`);
}

/** `firstGroups`: the integration had no group before this run, so it can have no membership yet. */
export async function applyGroups(tx: Db, s: ApplyScope): Promise<{ counts: ObjectCounts; firstGroups: boolean }> {
  const known = await count(tx, sql`select count(*) as n from directory_groups where integration_id = ${s.integrationId}`);
  const added = await affected(tx, sql`
    insert into directory_groups (account_id, integration_id, external_id, dn, name, status, first_seen_at, updated_at)
    select ${s.accountId}, ${s.integrationId}, t.external_id, t.dn, t.name, 'active', ${ts(s.now)}, ${ts(s.now)} from t_groups t
    where not exists (select 1 from directory_groups g where g.integration_id = ${s.integrationId} and g.external_id = t.external_id)`);
  const restored = await affected(tx, sql`
    update directory_groups g set dn = t.dn, name = t.name, status = 'active', updated_at = ${ts(s.now)} from t_groups t
    where g.integration_id = ${s.integrationId} and g.external_id = t.external_id and g.status <> 'active'`);
  const updated = await affected(tx, sql`
    update directory_groups g set dn = t.dn, name = t.name, updated_at = ${ts(s.now)} from t_groups t
    where g.integration_id = ${s.integrationId} and g.external_id = t.external_id and (g.dn, g.name) is distinct from (t.dn, t.name)`);
  // A group gone from the directory is only flagged; removing its members is destructive and gated.
  await tx.execute(sql`
    update directory_groups g set status = 'missing', updated_at = ${ts(s.now)}
    where g.integration_id = ${s.integrationId} and g.status = 'active' and not exists (select 1 from t_groups t where t.external_id = g.external_id)`);
  const read = await count(tx, sql`select count(*) as n from t_groups`);
  return { counts: { added, updated, restored, unchanged: Math.max(0, read - added - updated - restored) }, firstGroups: known === 0 };
}

/**
 * The memberships the directory lists now, as (group id, user id) of this integration's present
 * users. Member DNs were already resolved to present users' external ids (see resolveMembers).
 */
function wantedMemberships(s: ApplyScope) {
  return sql`
    select ${s.overlappingBases ? sql`distinct` : sql``} g.id as group_id, u.id as user_id
    from ${table(s.runId, 'pairs')} p
    join directory_users u on u.integration_id = ${s.integrationId} and u.external_id = p.user_external_id
    join directory_groups g on g.integration_id = ${s.integrationId} and g.external_id = p.group_external_id`;
}

/**
 * Resolves member DNs to the external ids of present users (disabled ones, when acknowledged,
 * are gone), within the staged read only: it needs no row of the directory model, so it runs on
 * its own connection while the apply transaction is already writing users, and the costly DN
 * join leaves the critical path.
 */
export async function resolveMembers(db: Db, runId: number, acknowledgeDisabled: boolean): Promise<void> {
  await db.execute(sql`
    create unlogged table ${table(runId, 'pairs')} as
    select m.group_external_id, u.external_id as user_external_id
    from ${table(runId, 'members')} m join ${table(runId, 'users')} u on u.dn_key = m.member_key
    where not (u.disabled and ${acknowledgeDisabled})`);
  // Fresh tables have no statistics: without them the planner hashes the wrong side of a join.
  await db.execute(sql`analyze ${table(runId, 'pairs')}`);
}

/**
 * Members of present users, new ones added. Memberships the integration has that the directory
 * no longer lists go to t_gone_memberships (destructive: derived and gated later).
 */
export async function applyMemberships(tx: Db, s: ApplyScope, firstGroups: boolean): Promise<ObjectCounts> {
  await tx.execute(sql`create temp table t_gone_memberships (group_id bigint, user_id bigint) on commit drop`);
  if (firstGroups) {
    // Every group is new, so every membership is: nothing to compare, nothing gone. Writing
    // straight from the join spares materialising half a million pairs first.
    const added = await affected(tx, sql`
      insert into directory_memberships (group_id, user_id, created_at)
      select m.group_id, m.user_id, ${ts(s.now)} from (${wantedMemberships(s)}) m order by m.group_id, m.user_id`);
    return { added, updated: 0, restored: 0, unchanged: 0 };
  }
  await tx.execute(sql`create temp table t_members on commit drop as ${wantedMemberships(s)}`);
  // Found before the new ones go in.
  await tx.execute(sql`
    insert into t_gone_memberships select m.group_id, m.user_id
    from directory_memberships m join directory_groups g on g.id = m.group_id and g.integration_id = ${s.integrationId}
    where not exists (select 1 from t_members d where d.group_id = m.group_id and d.user_id = m.user_id)`);
  const added = await affected(tx, sql`
    insert into directory_memberships (group_id, user_id, created_at)
    select m.group_id, m.user_id, ${ts(s.now)} from t_members m
    where not exists (select 1 from directory_memberships x where x.group_id = m.group_id and x.user_id = m.user_id)
    order by m.group_id, m.user_id`);
  const desired = await count(tx, sql`select count(*) as n from t_members`);
  return { added, updated: 0, restored: 0, unchanged: desired - added };
}
