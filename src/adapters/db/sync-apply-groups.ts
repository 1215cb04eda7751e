import { sql } from 'drizzle-orm';
import type { ObjectCounts } from '../../core/sync.ts';
import type { Db } from './client.ts';
import { affected, count, ts } from './sql.ts';
import { table } from './staging-tables.ts';
import type { ApplyScope } from './sync-apply.ts';

/**
 * The groups of this read, under their resolved ids (see sync-resolve). `firstGroups`: the
 * integration had no group before this run, so it can have no membership yet.
 */
export async function applyGroups(tx: Db, s: ApplyScope): Promise<{ counts: ObjectCounts; firstGroups: boolean }> {
  const read = table(s.runId, 'gids');
  const known = await count(tx, sql`select count(*) as n from directory_groups where integration_id = ${s.integrationId}`);
  // Groups are never deleted, so an id read as existing still is.
  const added = await affected(tx, sql`
    insert into directory_groups (id, account_id, integration_id, external_id, dn, name, status, first_seen_at, updated_at)
    select t.id, ${s.accountId}, ${s.integrationId}, t.external_id, t.dn, t.name, 'active', ${ts(s.now)}, ${ts(s.now)} from ${read} t
    where t.new order by t.id`);
  const restored = await affected(tx, sql`
    update directory_groups g set dn = t.dn, name = t.name, status = 'active', updated_at = ${ts(s.now)} from ${read} t
    where g.id = t.id and not t.new and g.status <> 'active'`);
  const updated = await affected(tx, sql`
    update directory_groups g set dn = t.dn, name = t.name, updated_at = ${ts(s.now)} from ${read} t
    where g.id = t.id and not t.new and (g.dn, g.name) is distinct from (t.dn, t.name)`);
  // A group gone from the directory is only flagged; removing its members is destructive and gated.
  await tx.execute(sql`
    update directory_groups g set status = 'missing', updated_at = ${ts(s.now)}
    where g.integration_id = ${s.integrationId} and g.status = 'active' and not exists (select 1 from ${read} t where t.id = g.id)`);
  const total = await count(tx, sql`select count(*) as n from ${read}`);
  return { counts: { added, updated, restored, unchanged: Math.max(0, total - added - updated - restored) }, firstGroups: known === 0 };
}

/**
 * Memberships of present users, new ones added (the wanted ones were resolved to ids, see
 * sync-resolve). Memberships the integration has that the directory no longer lists go to
 * t_gone_memberships (destructive: derived and gated later).
 */
export async function applyMemberships(tx: Db, s: ApplyScope, firstGroups: boolean): Promise<ObjectCounts> {
  const wanted = table(s.runId, 'pairs');
  await tx.execute(sql`create temp table t_gone_memberships (group_id bigint, user_id bigint) on commit drop`);
  if (firstGroups) {
    // Every group is new, so every membership is: nothing to compare, nothing gone. The pairs
    // were sorted in key order when resolved.
    const added = await affected(tx, sql`insert into directory_memberships (group_id, user_id, created_at) select group_id, user_id, ${ts(s.now)} from ${wanted}`);
    return { added, updated: 0, restored: 0, unchanged: 0 };
  }
  // Found before the new ones go in.
  await tx.execute(sql`
    insert into t_gone_memberships select m.group_id, m.user_id
    from directory_memberships m join directory_groups g on g.id = m.group_id and g.integration_id = ${s.integrationId}
    where not exists (select 1 from ${wanted} d where d.group_id = m.group_id and d.user_id = m.user_id)`);
  const added = await affected(tx, sql`
    insert into directory_memberships (group_id, user_id, created_at)
    select m.group_id, m.user_id, ${ts(s.now)} from ${wanted} m
    where not exists (select 1 from directory_memberships x where x.group_id = m.group_id and x.user_id = m.user_id)`);
  const desired = await count(tx, sql`select count(*) as n from ${wanted}`);
  return { added, updated: 0, restored: 0, unchanged: desired - added };
}
