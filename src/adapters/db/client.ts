import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { fileURLToPath } from 'node:url';
import type { Sql } from 'postgres';
import { guardTransactions } from './connection-loss.ts';
import * as schema from './schema.ts';

/** Either driver, seen through the query builder they share. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies the committed migrations in drizzle/ (idempotent; serialised across replicas on Postgres). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Postgres: a client of one connection of its own (a COPY, a session lock); `onClose` hears of every close. */
  session?: Session;
}

export type Session = (onClose?: () => void) => Sql;

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
  const options = {
    onnotice: () => {},
    // A sync's diff builds temp tables of a whole directory; with the default 8 MB they would be
    // written to disk. Only fixable when a session starts, so it is set for every connection.
    connection: { application_name: 'dirsync', temp_buffers: '256MB' },
  };
  const sql = postgres(url, { ...options, max: 10 });
  const db = drizzlePostgres(sql, { schema });
  guardTransactions(db as unknown as Db);
  const session: Session = (onClose) => postgres(url, { ...options, max: 1, fetch_types: false, ...(onClose && { onclose: onClose }) });
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    async migrate() {
      // Replicas starting together must not run the same migration twice. A session's lock, on
      // a client of its own: ending it releases the lock, even if the connection was lost (a
      // reserved pool connection could not be handed back safely then).
      const lock = session();
      try {
        await lock`select pg_advisory_lock(hashtext('dirsync.migrate'))`;
        await migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await lock.end({ timeout: 0 }).catch(() => {});
      }
    },
    close: () => sql.end({ timeout: 5 }),
    session,
  };
}

export { sqlState } from './sql-state.ts';
