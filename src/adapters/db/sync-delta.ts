import { eq, sql } from 'drizzle-orm';
import type { DeltaMark, StoredWatermark } from '../../core/delta.ts';
import type { Db } from './client.ts';
import { array, rows } from './sql.ts';
import { table } from './staging-tables.ts';
import { syncWatermarks } from './sync-schema.ts';

export async function loadWatermark(db: Db, integrationId: string): Promise<StoredWatermark | null> {
  const [w] = await db.select().from(syncWatermarks).where(eq(syncWatermarks.integrationId, integrationId));
  return w ? { mark: w.mark, fingerprint: w.fingerprint, takenAt: w.takenAt, lastFullAt: w.lastFullAt } : null;
}

/** Inside the apply's transaction; a delta keeps the time of the last full read. */
export async function saveWatermark(tx: Db, integrationId: string, runId: number, w: { mark: DeltaMark; fingerprint: string; full: boolean }, now: Date): Promise<void> {
  await tx
    .insert(syncWatermarks)
    .values({ integrationId, mark: w.mark, fingerprint: w.fingerprint, takenAt: now, lastFullAt: w.full ? now : null, runId })
    .onConflictDoUpdate({
      target: syncWatermarks.integrationId,
      set: { mark: w.mark, fingerprint: w.fingerprint, takenAt: now, runId, lastFullAt: w.full ? now : sql`${syncWatermarks.lastFullAt}` },
    });
}

export async function storedDns(db: Db, integrationId: string, externalIds: string[]): Promise<string[]> {
  if (externalIds.length === 0) return [];
  const found = await rows<{ dn: string }>(db, sql`
    select dn from directory_users where integration_id = ${integrationId} and external_id = any(${array(externalIds, 'text')})`);
  return found.map((r) => r.dn);
}

/**
 * Completes a delta's staging with the objects it did not read (see SyncStore.completeDelta).
 * Kept groups take their stored memberships as member DNs of the stored users, so the resolve
 * step matches them exactly as it matches a full read's member lists.
 */
export async function completeDelta(db: Db, runId: number, integration: { id: string; accountId: string }, ids: 'gone' | 'present'): Promise<void> {
  const listed = (alias: string) => sql`exists (select 1 from ${table(runId, 'ids')} i where i.external_id = ${sql.raw(alias)}.external_id)`;
  const inScope = (alias: string) => (ids === 'gone' ? sql`not ${listed(alias)}` : listed(alias));
  const open = sql`p.status in ('held', 'awaiting_approval')`;
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await tx.execute(sql`set local enable_nestloop = off`);
    await tx.execute(sql`set local work_mem = '256MB'`);
    await tx.execute(sql`analyze ${table(runId, 'ids')}`);
    await tx.execute(sql`create temp table t_kept on commit drop as
      select u.id, u.external_id, u.dn, u.display_name, u.primary_email from directory_users u
      where u.integration_id = ${integration.id} and u.status = 'active' and u.address_type = 'directory'
        and not exists (select 1 from ${table(runId, 'users')} s where s.external_id = u.external_id)
        and ${inScope('u')}
        and not exists (select 1 from pending_changes p where p.user_id = u.id and p.kind = 'change_address_type' and ${open})`);
    await tx.execute(sql`insert into ${table(runId, 'users')} (external_id, dn, dn_key, display_name, primary_email, disabled)
      select external_id, dn, lower(dn), display_name, primary_email, false from t_kept`);
    await tx.execute(sql`insert into ${table(runId, 'addresses')} (external_id, address, is_primary)
      select k.external_id, a.address, a.is_primary from t_kept k join directory_addresses a on a.user_id = k.id and a.account_id = ${integration.accountId}`);
    await tx.execute(sql`create temp table t_kept_groups on commit drop as
      select g.id, g.external_id, g.dn, g.name from directory_groups g
      where g.integration_id = ${integration.id} and g.status = 'active'
        and not exists (select 1 from ${table(runId, 'groups')} s where s.external_id = g.external_id)
        and ${inScope('g')}`);
    await tx.execute(sql`insert into ${table(runId, 'groups')} (external_id, dn, name) select external_id, dn, name from t_kept_groups`);
    await tx.execute(sql`insert into ${table(runId, 'members')} (group_external_id, member_key)
      select g.external_id, lower(u.dn) from t_kept_groups g
      join directory_memberships m on m.group_id = g.id
      join directory_users u on u.id = m.user_id
      where not exists (select 1 from pending_changes p where p.kind = 'remove_membership' and p.user_id = m.user_id and p.group_id = m.group_id and ${open})`);
  });
}

