import { sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './client.ts';
import { rows } from './sql.ts';

/**
 * Whether the database already has every committed migration. Most calls find it so, and then
 * skip drizzle's migrator, which reads and hashes every SQL file and writes its bookkeeping
 * schema on each run: on PGlite that was a large share of a CLI call. drizzle applies a
 * migration when its journal time (`when`) is newer than the last applied `created_at`; this
 * asks the same question, so it never skips a migration the migrator would have run.
 */
export async function migrationsApplied(db: Db, folder: string): Promise<boolean> {
  const [table] = await rows<{ t: string | null }>(db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
  if (!table?.t) return false;
  const [last] = await rows<{ at: string | null }>(db, sql`select max(created_at)::text as at from drizzle.__drizzle_migrations`);
  return last?.at != null && Number(last.at) >= lastMigrationMillis(folder);
}

/** The journal time of the newest committed migration (drizzle/meta/_journal.json). */
export function lastMigrationMillis(folder: string): number {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((e) => e.when));
}
