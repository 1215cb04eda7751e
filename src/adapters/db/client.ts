import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { fileURLToPath } from 'node:url';
import type { Sql } from 'postgres';
import { guardTransactions } from './connection-loss.ts';
import { migrationsApplied } from './migrations-applied.ts';
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
  /** PGlite in a folder: serve this session to local CLI processes on a Unix socket; returns its stop. */
  share?: (socketPath: string) => Promise<() => Promise<void>>;
}

export type Session = (onClose?: () => void) => Sql;

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url));

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /** A running server's PGlite, through its Unix socket (pglite-share.ts). */
  | { kind: 'pglite-socket'; path: string }
  /** dataDir null = in memory; `template` preloads a dumped data folder (tests). */
  | { kind: 'pglite'; dataDir: string | null; template?: Blob };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'pglite-socket') return openPgliteSocket(target.path);
  return target.kind === 'postgres' ? openPostgres(target.url) : openPglite(target.dataDir, target.template);
}

// Each driver is loaded only when used: PGlite's WebAssembly Postgres costs start-up time and
// memory that a CLI call against a Postgres server should not pay.
async function openPglite(dataDir: string | null, template: Blob | undefined): Promise<Database> {
  const [{ PGlite }, { drizzle: drizzlePglite }, { guardedLocal, serveSocket, SessionGuard }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('./pglite-share.ts'),
  ]);
  // A folder is the embedded default (one process, sharing it through a socket); null is in memory.
  const client = new PGlite({ ...(dataDir && { dataDir }), ...(template && { loadDataDir: template }) });
  await client.waitReady;
  const guard = new SessionGuard();
  const db = drizzlePglite(dataDir ? guardedLocal(client, guard) : client, { schema });
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    async migrate() {
      if (await migrationsApplied(db as unknown as Db, MIGRATIONS_FOLDER)) return;
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    },
    close: () => client.close(),
    ...(dataDir && { share: (socketPath: string) => serveSocket(client, guard, socketPath) }),
  };
}

/**
 * The server's PGlite through its socket. Still kind 'pglite': one session behind it, so the
 * sync reads nothing on other connections while its transaction writes (they would wait for it)
 * and uses no COPY; one connection, so this process's statements never wait on each other. The
 * server migrated the database when it started.
 */
async function openPgliteSocket(path: string): Promise<Database> {
  const [{ default: postgres }, { drizzle: drizzlePostgres }] = await Promise.all([import('postgres'), import('drizzle-orm/postgres-js')]);
  const sql = postgres({ path, username: 'postgres', database: 'postgres', max: 1, onnotice: () => {}, connection: { application_name: 'dirsync-cli' } });
  const db = drizzlePostgres(sql, { schema });
  guardTransactions(db as unknown as Db);
  return { db: db as unknown as Db, kind: 'pglite', migrate: async () => {}, close: () => sql.end({ timeout: 5 }) };
}

async function openPostgres(url: string): Promise<Database> {
  const [{ default: postgres }, { drizzle: drizzlePostgres }] = await Promise.all([import('postgres'), import('drizzle-orm/postgres-js')]);
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
      // Checked first without the lock: the migrator re-checks under it, so a race costs nothing.
      if (await migrationsApplied(db as unknown as Db, MIGRATIONS_FOLDER)) return;
      const { migrate: migratePostgres } = await import('drizzle-orm/postgres-js/migrator');
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
