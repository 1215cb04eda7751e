import { sql, type SQL } from 'drizzle-orm';
import type { GateDecision, GateIntegration } from '../../core/gate.ts';
import { CHANGE_KINDS, emptyByKind, type ByKind, type ChangeKind, type DestructiveSummary } from '../../core/sync.ts';
import type { GateFacts } from '../../core/sync-ports.ts';
import type { Db } from './client.ts';
import { array, rows, ts } from './sql.ts';
import { presentUsers, type ApplyScope } from './sync-apply.ts';

export interface Retention {
  mitRetentionDays: number;
  purgeRetentionDays: number;
}

/**
 * Derives this run's destructive changes from the complete read: memberships no longer in the
 * directory, users gone (or disabled, when acknowledged), and the retention steps after that.
 * Open changes still needed are kept, new ones added, stale ones superseded.
 */
export async function deriveChanges(tx: Db, s: ApplyScope, r: Retention): Promise<void> {
  await tx.execute(sql`
    create temp table t_changes on commit drop as
    select 'remove_membership'::change_kind as kind, m.user_id, m.group_id from t_gone_memberships m
    union all
    select kind, id, null from (
      -- Users gone from the read, each at its step: one pass over the integration's users.
      select u.id, case
        when u.address_type = 'directory' and u.status = 'active' then 'change_address_type'::change_kind
        when u.address_type = 'message_in_transit' and u.status = 'active'
          and u.address_type_changed_at <= ${ts(s.now)} - make_interval(days => ${r.mitRetentionDays}) then 'delete_user'
        when u.status = 'deleted' and u.deleted_at <= ${ts(s.now)} - make_interval(days => ${r.purgeRetentionDays}) then 'purge_user'
      end as kind
      from directory_users u
      where u.integration_id = ${s.integrationId} and not exists (select 1 from ${presentUsers(s)} t where t.id = u.id)
    ) gone where kind is not null`);
  await tx.execute(sql`
    update pending_changes p set status = 'superseded', updated_at = ${ts(s.now)}
    where p.integration_id = ${s.integrationId} and p.status in ('held', 'awaiting_approval')
      and not exists (select 1 from t_changes c where c.kind = p.kind and c.user_id = p.user_id and c.group_id is not distinct from p.group_id)`);
  await tx.execute(sql`
    insert into pending_changes (account_id, integration_id, kind, user_id, group_id, status, derived_run_id, created_at, updated_at)
    select ${s.accountId}, ${s.integrationId}, c.kind, c.user_id, c.group_id, 'held', ${s.runId}, ${ts(s.now)}, ${ts(s.now)} from t_changes c
    where not exists (
      select 1 from pending_changes p where p.status in ('held', 'awaiting_approval')
        and p.kind = c.kind and p.user_id = c.user_id and coalesce(p.group_id, 0) = coalesce(c.group_id, 0))`);
}

/** What the gate decides from (core/gate.ts): the account's integrations, the batch, the integration's size. */
export async function gateFacts(tx: Db, s: ApplyScope): Promise<GateFacts> {
  const integrations = await rows<GateIntegration>(tx, sql`select id, name, state from integrations where account_id = ${s.accountId} and deleted_at is null`);
  const [facts] = await rows<{ unapproved: string | number; active: string | number }>(tx, sql`
    select
      (select count(*) from pending_changes where integration_id = ${s.integrationId} and status in ('held', 'awaiting_approval') and not approved) as unapproved,
      (select count(*) from directory_users where integration_id = ${s.integrationId} and status = 'active' and address_type = 'directory') as active`);
  return { integrations, unapproved: Number(facts?.unapproved ?? 0), activeUsers: Number(facts?.active ?? 0) };
}

/**
 * Carries out the gate's decision for one integration's open changes
 * (docs/architecture.md#the-gate). Writes only what changes state, so a blocked integration
 * re-synced with no change writes nothing.
 */
export async function enforceGate(tx: Db, s: ApplyScope, decision: GateDecision, approvalRequestId: number | null): Promise<ByKind> {
  if (decision.action === 'hold') {
    await holdChanges(tx, sql`integration_id = ${s.integrationId} and status in ('held', 'awaiting_approval')`, decision.blockedBy, s.now);
    return emptyByKind();
  }
  if (decision.action === 'await_approval') {
    await tx.execute(sql`
      update pending_changes set status = 'awaiting_approval', blocked_by = '{}', approval_request_id = ${approvalRequestId}, updated_at = ${ts(s.now)}
      where integration_id = ${s.integrationId} and status in ('held', 'awaiting_approval') and not approved
        and (status <> 'awaiting_approval' or approval_request_id is distinct from ${approvalRequestId})`);
    // Changes an admin already approved need no second approval.
    return applyChanges(tx, s, sql`integration_id = ${s.integrationId} and status in ('held', 'awaiting_approval') and approved`);
  }
  return applyChanges(tx, s, sql`integration_id = ${s.integrationId} and status in ('held', 'awaiting_approval')`);
}

/** Holds the open changes matching `where`, naming the blockers; rows already held so are not written. */
export async function holdChanges(tx: Db, where: SQL, blockedBy: string[], now: Date): Promise<void> {
  await tx.execute(sql`
    update pending_changes set status = 'held', blocked_by = ${array(blockedBy, 'text')}, held_since = coalesce(held_since, ${ts(now)}), updated_at = ${ts(now)}
    where ${where} and (status <> 'held' or blocked_by <> ${array(blockedBy, 'text')})`);
}

/** Applies the open changes matching `where`; returns how many of each kind. */
export async function applyChanges(tx: Db, s: { runId: number | null; now: Date }, where: SQL): Promise<ByKind> {
  const applied = await rows<{ kind: ChangeKind; user_id: number | null; group_id: number | null; integration_id: string }>(tx, sql`
    update pending_changes set status = 'applied', applied_at = ${ts(s.now)}, applied_run_id = ${s.runId}, updated_at = ${ts(s.now)}
    where ${where} returning kind, user_id, group_id, integration_id`);
  if (applied.length === 0) return emptyByKind();
  const ids = (kind: ChangeKind) => applied.filter((c) => c.kind === kind && c.user_id !== null).map((c) => c.user_id!);
  const memberships = applied.filter((c) => c.kind === 'remove_membership');
  if (memberships.length > 0) {
    await tx.execute(sql`
      delete from directory_memberships m using unnest(${array(memberships.map((c) => c.user_id), 'bigint')}, ${array(memberships.map((c) => c.group_id), 'bigint')}) as r(user_id, group_id)
      where m.user_id = r.user_id and m.group_id = r.group_id`);
  }
  if (ids('change_address_type').length > 0) {
    await tx.execute(sql`
      update directory_users u set address_type = 'message_in_transit', address_type_changed_at = ${ts(s.now)}, updated_at = ${ts(s.now)},
        last_seen_at = coalesce((select max(finished_at) from sync_runs r where r.integration_id = u.integration_id and r.status = 'succeeded' and not r.dry_run), u.last_seen_at)
      where u.id = any(${array(ids('change_address_type'), 'bigint')})`);
  }
  if (ids('delete_user').length > 0) {
    await tx.execute(sql`update directory_users set status = 'deleted', deleted_at = ${ts(s.now)}, updated_at = ${ts(s.now)} where id = any(${array(ids('delete_user'), 'bigint')})`);
  }
  if (ids('purge_user').length > 0) {
    // The cascade the schema leaves out: a purged user takes its addresses and memberships along.
    const purged = array(ids('purge_user'), 'bigint');
    await tx.execute(sql`delete from directory_memberships where user_id = any(${purged})`);
    await tx.execute(sql`delete from directory_addresses where user_id = any(${purged})`);
    await tx.execute(sql`delete from directory_users where id = any(${purged})`);
  }
  const byKind = emptyByKind();
  for (const c of applied) byKind[c.kind]++;
  return byKind;
}

/** What is open for an integration after the gate, by status and kind. */
export async function openSummary(tx: Db, integrationId: string, applied: ByKind): Promise<DestructiveSummary> {
  const open = await rows<{ status: 'held' | 'awaiting_approval'; kind: ChangeKind; n: string | number }>(tx, sql`
    select status, kind, count(*) as n from pending_changes
    where integration_id = ${integrationId} and status in ('held', 'awaiting_approval') group by status, kind`);
  const held = emptyByKind();
  const awaiting = emptyByKind();
  for (const o of open) (o.status === 'held' ? held : awaiting)[o.kind] += Number(o.n);
  const total = (b: ByKind) => CHANGE_KINDS.reduce((n, k) => n + b[k], 0);
  return { applied: total(applied), held: total(held), awaitingApproval: total(awaiting), byKind: { applied, held, awaitingApproval: awaiting } };
}
