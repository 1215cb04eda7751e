import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { rows } from './sql.ts';

/** Written by the reader. */
export const STAGING_KINDS = ['users', 'addresses', 'groups', 'members', 'ids'] as const;
/** Derived from those, resolved to row ids (see sync-resolve). */
const RESOLVED_KINDS = ['uids', 'mail', 'gids', 'pairs'] as const;
export type WrittenKind = (typeof STAGING_KINDS)[number];
export type StagingKind = WrittenKind | (typeof RESOLVED_KINDS)[number];

/**
 * Each run stages into unlogged tables of its own, shaped like the sync_stage_* templates of
 * the migrations: nothing to filter by run, and dropping them at the end is instant where
 * deleting a run's rows from shared tables took as long as half a second.
 */
export function stagingTable(runId: number, kind: StagingKind): string {
  if (!Number.isSafeInteger(runId) || runId <= 0) throw new Error(`not a run id: ${runId}`);
  return `sync_stage_${kind}_r${runId}`;
}

export const table = (runId: number, kind: StagingKind) => sql.raw(`"${stagingTable(runId, kind)}"`);

export async function createStagingTables(db: Db, runId: number): Promise<void> {
  await dropStagingTables(db, runId);
  for (const kind of STAGING_KINDS) {
    await db.execute(sql`create unlogged table ${table(runId, kind)} (like ${sql.raw(`sync_stage_${kind}`)})`);
  }
}

export async function dropStagingTables(db: Db, runId: number): Promise<void> {
  for (const kind of [...STAGING_KINDS, ...RESOLVED_KINDS]) await db.execute(sql`drop table if exists ${table(runId, kind)}`);
}

/** Staging tables left by runs that are no longer running (their worker died). */
export async function sweepStagingTables(db: Db): Promise<number> {
  const left = await rows<{ run: string }>(db, sql`
    select distinct substring(tablename from '_r([0-9]+)$') as run from pg_tables
    where schemaname = current_schema() and tablename ~ '^sync_stage_[a-z]+_r[0-9]+$'`);
  let dropped = 0;
  for (const { run } of left) {
    const runId = Number(run);
    const [active] = await rows(db, sql`select 1 from sync_runs where id = ${runId} and status in ('queued', 'running')`);
    if (!active) {
      await dropStagingTables(db, runId);
      dropped++;
    }
  }
  return dropped;
}
