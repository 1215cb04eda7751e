import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.ts';

/** Either driver, seen through the query builder they share. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies the committed migrations in drizzle/ (idempotent; serialised across replicas on Postgres). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url));

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /** dataDir null = in memory; `template` preloads a dumped data folder (tests). */
  | { kind: 'pglite'; dataDir: string | null; template?: Blob };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'postgres' ? openPostgres(target.url) : openPglite(target.dataDir, target.template);
}

// Each driver is loaded only when used: PGlite's WebAssembly Postgres costs start-up time and
// memory that a CLI call against a Postgres server should not pay.
async function openPglite(dataDir: string | null, template: Blob | undefined): Promise<Database> {
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  // A folder is the embedded default (single process); null is in memory.
  const client = new PGlite({ ...(dataDir && { dataDir }), ...(template && { loadDataDir: template }) });
  await client.waitReady;
  const db = drizzlePglite(client, { schema });
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => client.close(),
  };
}

async function openPostgres(url: string): Promise<Database> {
  const [{ default: postgres }, { drizzle: drizzlePostgres }, { migrate: migratePostgres }] = await Promise.all([
    import('postgres'),
    import('drizzle-orm/postgres-js'),
    import('drizzle-orm/postgres-js/migrator'),
  ]);
  const sql = postgres(url, {
    max: 10,
    onnotice: () => {},
    // A sync's diff builds temp tables of a whole directory; with the default 8 MB they would be
    // written to disk. Only fixable when a session starts, so it is set for every connection.
    connection: { application_name: 'dirsync', temp_buffers: '256MB' },
  });
  const db = drizzlePostgres(sql, { schema });
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    async migrate() {
      // Replicas starting together must not run the same migration twice.
      const lock = await sql.reserve();
      try {
        await lock`select pg_advisory_lock(hashtext('dirsync.migrate'))`;
        await migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await lock`select pg_advisory_unlock(hashtext('dirsync.migrate'))`.catch(() => {});
        lock.release();
      }
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

/** The SQLSTATE of a driver error, looking through drizzle's wrapper. */
export function sqlState(e: unknown): string | undefined {
  for (let cur: unknown = e; cur && typeof cur === 'object'; cur = (cur as { cause?: unknown }).cause) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}
