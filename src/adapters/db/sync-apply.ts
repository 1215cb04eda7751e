import { sql } from 'drizzle-orm';
import type { ObjectCounts } from '../../core/sync.ts';
import type { DuplicateAddress } from '../../core/sync-ports.ts';
import type { Db } from './client.ts';
import { affected, count, rows, ts } from './sql.ts';
import { table } from './staging-tables.ts';

export interface ApplyScope {
  runId: number;
  accountId: string;
  integrationId: string;
  acknowledgeDisabled: boolean;
  /** Several base DNs may overlap and return an entry twice; one base cannot, which saves sorts. */
  overlappingBases: boolean;
  now: Date;
}

/** The present users of this read with their ids, and the addresses they list (see sync-resolve). */
export const presentUsers = (s: ApplyScope) => table(s.runId, 'uids');
const wantedAddresses = (s: ApplyScope) => table(s.runId, 'mail');

/** Runs a data-modifying statement that returns `id`s and keeps them in a temp table. */
async function capture(tx: Db, table: string, statement: ReturnType<typeof sql>): Promise<number> {
  await tx.execute(sql`create temp table ${sql.raw(table)} on commit drop as with changed as (${statement}) select id from changed`);
  return count(tx, sql`select count(*) as n from ${sql.raw(table)}`);
}

/**
 * New, changed and returning users: non-destructive, so applied at once, not through the gate
 * (docs/architecture.md#the-gate). The addresses are taken once `addressesResolved` resolves.
 */
export async function applyUsers(tx: Db, s: ApplyScope, addressesResolved: Promise<void>): Promise<ObjectCounts> {
  const t = presentUsers(s);
  // Users existing before this run have ids up to this; the ones it adds, above (a sequence).
  const lastUserId = await count(tx, sql`select coalesce(max(id), 0) as n from directory_users where integration_id = ${s.integrationId}`);
  // Existing users first, new ones last: on a first sync the two updates then find an empty
  // table instead of comparing 100,000 rows just inserted with themselves.
  // A user that comes back is restored (not destructive), with whatever changed meanwhile.
  const restored = await capture(tx, 't_restored', sql`
    update directory_users u set
      dn = t.dn, display_name = t.display_name, primary_email = t.primary_email,
      address_type = 'directory', status = 'active', deleted_at = null,
      address_type_changed_at = case when u.address_type <> 'directory' then ${ts(s.now)} else u.address_type_changed_at end,
      last_seen_at = ${ts(s.now)}, updated_at = ${ts(s.now)}
    from ${t} t
    where u.integration_id = ${s.integrationId} and u.external_id = t.external_id
      and (u.address_type <> 'directory' or u.status <> 'active')
    returning u.id`);
  // Only rows that differ are written: a sync with no change writes nothing.
  await capture(tx, 't_updated', sql`
    update directory_users u set dn = t.dn, display_name = t.display_name, primary_email = t.primary_email, last_seen_at = ${ts(s.now)}, updated_at = ${ts(s.now)}
    from ${t} t
    where u.integration_id = ${s.integrationId} and u.external_id = t.external_id
      and (u.dn, u.display_name, u.primary_email) is distinct from (t.dn, t.display_name, t.primary_email)
    returning u.id`);
  const added = await affected(tx, insertUsers(s, sql`t.new`));
  // Read as existing, but purged since by a change released elsewhere: written again under the
  // same id (what was resolved to it refers to it), as a user that came back.
  const again = await count(tx, sql`
    with again as (${insertUsers(s, sql`not t.new and not exists (select 1 from directory_users u where u.integration_id = ${s.integrationId} and u.id = t.id)`)} returning id),
    kept as (insert into t_restored select id from again)
    select count(*) as n from again`);
  await addressesResolved;
  await applyAddresses(tx, s, lastUserId);
  // NOT EXISTS, never NOT IN: a NOT IN whose hashed subplan outgrows work_mem turns quadratic.
  // Users added or restored in this run are counted as such, not as updated.
  const updated = await count(tx, sql`
    select count(distinct u.id) as n from t_updated u where not exists (select 1 from t_restored r where r.id = u.id)`);
  const present = await count(tx, sql`select count(*) as n from ${t}`);
  return { added, updated, restored: restored + again, unchanged: Math.max(0, present - added - updated - restored - again) };
}

/**
 * Writes the present users matching `which` under their resolved ids. No ORDER BY: uids was
 * written in id (and external-id) order, so both indexes already grow at their end.
 */
function insertUsers(s: ApplyScope, which: ReturnType<typeof sql>) {
  return sql`
    insert into directory_users (id, account_id, integration_id, external_id, dn, display_name, primary_email, address_type, status, first_seen_at, last_seen_at, updated_at)
    select t.id, ${s.accountId}, ${s.integrationId}, t.external_id, t.dn, t.display_name, t.primary_email, 'directory', 'active', ${ts(s.now)}, ${ts(s.now)}, ${ts(s.now)}
    from ${presentUsers(s)} t where ${which}`;
}

/**
 * Writes wanted addresses nobody owns yet (one owner per account) and records how many were
 * wanted and written; their users that existed before this run (id up to `updatedUpTo`) join
 * t_updated.
 */
async function insertAddresses(tx: Db, s: ApplyScope, updatedUpTo: number): Promise<void> {
  const wanted = wantedAddresses(s);
  await tx.execute(sql`create temp table t_inserted_addresses (wanted bigint, written bigint) on commit drop`);
  // Applies of one account are serialised (see sync-store), so "not exists" decides ownership.
  await tx.execute(sql`
    with added as (
      insert into directory_addresses (account_id, user_id, address, is_primary)
      select distinct on (d.address) ${s.accountId}::uuid, d.user_id, d.address, d.is_primary from ${wanted} d
      where not exists (select 1 from directory_addresses x where x.account_id = ${s.accountId} and x.address = d.address)
      order by d.address, d.is_primary desc, d.user_id
      returning user_id
    ),
    counted as (insert into t_inserted_addresses select (select count(*) from ${wanted}), (select count(*) from added))
    insert into t_updated select distinct user_id from added where user_id <= ${updatedUpTo}`);
}

/**
 * Addresses of present users. One address belongs to one user per account: a second claimant is
 * reported (duplicate_address) and not written. A user whose addresses changed counts as updated.
 */
async function applyAddresses(tx: Db, s: ApplyScope, lastUserId: number): Promise<void> {
  // Without a user before this run, the integration has no address to compare with.
  if (lastUserId > 0) {
    // A user whose addresses changed (one gone, the primary moved, one new) counts as updated.
    await tx.execute(sql`
      with removed as (
        delete from directory_addresses x using directory_users u
        where x.user_id = u.id and u.integration_id = ${s.integrationId}
          and exists (select 1 from ${presentUsers(s)} t where t.id = u.id)
          and not exists (select 1 from ${wantedAddresses(s)} d where d.user_id = x.user_id and d.address = x.address)
        returning x.user_id
      ),
      flipped as (
        update directory_addresses x set is_primary = d.is_primary from ${wantedAddresses(s)} d
        where x.user_id = d.user_id and x.address = d.address and x.is_primary <> d.is_primary
        returning x.user_id
      )
      insert into t_updated select user_id from removed union select user_id from flipped`);
  }
  await insertAddresses(tx, s, lastUserId);
}

/** Addresses this run wanted that another user already owns. */
export async function findDuplicates(tx: Db, s: ApplyScope): Promise<{ total: number; sample: DuplicateAddress[] }> {
  // Every wanted address was written: nobody else can own one (the usual first sync).
  const [written] = await rows<{ complete: boolean }>(tx, sql`select coalesce(sum(written) = sum(wanted), true) as complete from t_inserted_addresses`);
  if (written?.complete) return { total: 0, sample: [] };
  const wanted = wantedAddresses(s);
  // Find the conflicts first (one hash join), then name the users of a few of them.
  const found = await rows<Required<DuplicateAddress> & { total: string | number }>(tx, sql`
    with conflicts as (
      select d.address, x.user_id as owner_id, d.user_id as claimant_id
      from ${wanted} d join directory_addresses x on x.account_id = ${s.accountId} and x.address = d.address
      where x.user_id <> d.user_id
    ), sample as (select * from conflicts order by address limit 50)
    select s.address, o.dn as owner, oi.name as "ownerIntegration", c.dn as claimant, ci.name as "claimantIntegration",
      (select count(*) from conflicts) as total
    from sample s join directory_users o on o.id = s.owner_id join directory_users c on c.id = s.claimant_id
      join integrations oi on oi.id = o.integration_id join integrations ci on ci.id = c.integration_id
    order by s.address`);
  return { total: Number(found[0]?.total ?? 0), sample: found.map(({ total: _, ...duplicate }) => duplicate) };
}
