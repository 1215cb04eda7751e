import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { rows } from './sql.ts';
import { table } from './staging-tables.ts';

/**
 * The staged read, resolved to row ids before the apply transaction needs them. None of this
 * needs a row the transaction writes: existing ids are read as committed, and new users and
 * groups take their ids from the tables' sequences here (sequences are not transactional, so a
 * rolled-back run only leaves a gap). On Postgres it runs on other connections while the
 * transaction writes, which takes the DN joins and sorts off its path.
 *
 * An existing id may belong to a user purged (by a change released elsewhere) after it was
 * read here: the transaction writes such a user again under the same id (see applyUsers).
 */
export interface ResolveScope {
  runId: number;
  integrationId: string;
  acknowledgeDisabled: boolean;
  /** Several base DNs may overlap and return an entry twice; one base cannot, which saves sorts. */
  overlappingBases: boolean;
}

// Fresh tables have no statistics: without them the planner hashes the wrong side of a join
// (half a million rows instead of 100,000).
const analyze = (db: Db, t: ReturnType<typeof table>) => db.execute(sql`analyze ${t}`);

/**
 * The id sequence of a table, named once: `nextval(pg_get_serial_sequence(…))` looks the name
 * up again on every row, which took 0.2 s for 100,000 new users.
 */
async function idSequence(tx: Db, tableName: 'directory_users' | 'directory_groups') {
  const [found] = await rows<{ name: string }>(tx, sql`select pg_get_serial_sequence(${tableName}, 'id') as name`);
  if (!found?.name) throw new Error(`${tableName}.id has no sequence`);
  return sql`${found.name}::regclass`;
}

/** Runs one step with the apply transaction's settings for bulk work (see bulkSettings). */
function bulk(db: Db, step: (tx: Db) => Promise<void>): Promise<void> {
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await bulkSettings(tx);
    // For the analyze at the end of each step: a small sample tells which side is which.
    await tx.execute(sql`set local default_statistics_target = 10`);
    await step(tx);
  });
}

/** Settings for set operations over a whole read, for the current transaction. */
export async function bulkSettings(tx: Db): Promise<void> {
  // With statistics that lag a first sync (0 rows known, 100k present), the planner picks
  // nested loops that scan millions of rows. Hash joins are always sane here.
  await tx.execute(sql`set local enable_nestloop = off`);
  // Hash joins, sorts and DISTINCTs over a full read fit in memory instead of spilling to disk.
  await tx.execute(sql`set local work_mem = '256MB'`);
  // Estimates over fresh tables are large enough to trigger JIT compilation, which cost
  // 0.1-0.3 s per statement here and never paid for itself.
  await tx.execute(sql`set local jit = off`);
}

/**
 * `uids`: the present users of this read (disabled ones are gone when acknowledged), one row
 * each, with their id: the existing one, or a new one when `new`. Ids are drawn in external-id
 * order, the order of the unique index, so both of the table's indexes grow at their end.
 */
export function resolveUsers(db: Db, s: ResolveScope): Promise<void> {
  return bulk(db, async (tx) => {
    const staged = table(s.runId, 'users');
    const users = s.overlappingBases
      ? sql`select distinct on (external_id) * from ${staged} order by external_id, dn`
      : sql`select * from ${staged}`;
    await tx.execute(sql`
      create unlogged table ${table(s.runId, 'uids')} as
      select t.external_id, t.dn, t.dn_key, t.display_name, t.primary_email,
        coalesce(t.known_id, nextval(${await idSequence(tx, 'directory_users')})) as id, t.known_id is null as new
      from (
        select u.*, d.id as known_id from (${users}) u
        left join directory_users d on d.integration_id = ${s.integrationId} and d.external_id = u.external_id
        where not (u.disabled and ${s.acknowledgeDisabled})
        order by u.external_id
      ) t`);
    await analyze(tx, table(s.runId, 'uids'));
  });
}

/** `mail`: the addresses the directory lists for present users, by user id. */
export function resolveAddresses(db: Db, s: ResolveScope): Promise<void> {
  return bulk(db, async (tx) => {
    await tx.execute(sql`
      create unlogged table ${table(s.runId, 'mail')} as
      select ${s.overlappingBases ? sql`distinct on (i.id, a.address)` : sql``} i.id as user_id, a.address, a.is_primary
      from ${table(s.runId, 'addresses')} a join ${table(s.runId, 'uids')} i on i.external_id = a.external_id
      ${s.overlappingBases ? sql`order by i.id, a.address, a.is_primary desc` : sql``}`);
    await analyze(tx, table(s.runId, 'mail'));
  });
}

/** `gids`: the groups of this read, one row each, with their id (existing, or new when `new`). */
export function resolveGroups(db: Db, s: ResolveScope): Promise<void> {
  return bulk(db, async (tx) => {
    await tx.execute(sql`
      create unlogged table ${table(s.runId, 'gids')} as
      select t.external_id, t.dn, t.name, coalesce(t.known_id, nextval(${await idSequence(tx, 'directory_groups')})) as id, t.known_id is null as new
      from (
        select g.*, d.id as known_id
        from (select distinct on (external_id) external_id, dn, name from ${table(s.runId, 'groups')} order by external_id, dn) g
        left join directory_groups d on d.integration_id = ${s.integrationId} and d.external_id = g.external_id
        order by g.external_id
      ) t`);
  });
}

/**
 * `pairs`: the memberships the directory lists now, as (group id, user id) of present users,
 * member DNs matched case-insensitively; sorted, the order of the memberships' primary key.
 */
export function resolveMemberships(db: Db, s: ResolveScope): Promise<void> {
  return bulk(db, async (tx) => {
    await tx.execute(sql`
      create unlogged table ${table(s.runId, 'pairs')} as
      select ${s.overlappingBases ? sql`distinct` : sql``} g.id as group_id, i.id as user_id
      from ${table(s.runId, 'members')} m
      join ${table(s.runId, 'uids')} i on i.dn_key = m.member_key
      join ${table(s.runId, 'gids')} g on g.external_id = m.group_external_id
      order by 1, 2`);
    await analyze(tx, table(s.runId, 'pairs'));
  });
}
