import { sql } from 'drizzle-orm';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../../src/adapters/db/client.ts';
import { lastMigrationMillis, migrationsApplied } from '../../../src/adapters/db/migrations-applied.ts';
import { backends } from '../../support/databases.ts';

/** A copy of the journal with one more migration, newer than any applied: what a new release brings. */
function journalWithNewerMigration(): string {
  const folder = mkdtempSync(join(tmpdir(), 'dirsync-journal-'));
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  journal.entries.push({ ...journal.entries.at(-1)!, when: lastMigrationMillis(MIGRATIONS_FOLDER) + 1 });
  mkdirSync(join(folder, 'meta'));
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
  return folder;
}

describe.each(backends)('migrationsApplied on $name', (backend) => {
  it('is true once migrated, false when the code has a newer migration or none was ever applied', async () => {
    const { database, drop } = await backend.create();
    try {
      expect(await migrationsApplied(database.db, MIGRATIONS_FOLDER)).toBe(true);
      expect(await migrationsApplied(database.db, journalWithNewerMigration())).toBe(false);
      // migrate() is a no-op now, and changes nothing.
      await database.migrate();
      expect(await migrationsApplied(database.db, MIGRATIONS_FOLDER)).toBe(true);
      await database.db.execute(sql`drop schema drizzle cascade`);
      expect(await migrationsApplied(database.db, MIGRATIONS_FOLDER)).toBe(false);
    } finally {
      await drop();
    }
  }, 120_000);
});
