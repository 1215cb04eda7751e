import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import journal from '../../../drizzle/meta/_journal.json' with { type: 'json' };
import type { Database, Db, Session } from './client.ts';
import { guardTransactions } from './connection-loss.ts';
import * as schema from './schema.ts';

/**
 * Postgres on Cloudflare Workers, through a Hyperdrive binding's connection string. A Worker may
 * not carry a socket from one request to the next, so each request (or cron event) opens its own
 * small client and ends it when done; Hyperdrive pools the real connections.
 */
export function openHyperdrive(connectionString: string): Database {
  // fetch_types off: Hyperdrive answers the catalog query per connection, which costs a round trip per request.
  const options = { onnotice: () => {}, fetch_types: false, connection: { application_name: 'dirsync-worker' } };
  const sql = postgres(connectionString, { ...options, max: 3 });
  const db = drizzle(sql, { schema }) as unknown as Db;
  guardTransactions(db);
  const session: Session = (onClose) => postgres(connectionString, { ...options, max: 1, ...(onClose && { onclose: onClose }) });
  return {
    db,
    kind: 'postgres',
    async migrate() {
      // The same lock as the Node server's migrate (adapters/db/client.ts): Workers and Node replicas share one database.
      const lock = session();
      try {
        await lock`select pg_advisory_lock(hashtext('dirsync.migrate'))`;
        const migrations = await bundledMigrations();
        const dialect = (db as unknown as { dialect: { migrate(m: unknown, s: unknown, c: object): Promise<void> } }).dialect;
        await dialect.migrate(migrations, (db as unknown as { session: unknown }).session, {});
      } finally {
        await lock.end({ timeout: 0 }).catch(() => {});
      }
    },
    close: () => sql.end({ timeout: 5 }),
    session,
  };
}

/**
 * drizzle/ as drizzle's migrator reads it from disk on Node, here from the bundle: wrangler
 * includes every drizzle/*.sql as a text module (the glob import below), the journal as JSON.
 */
async function bundledMigrations() {
  return Promise.all(
    journal.entries.map(async (entry) => {
      const text = ((await import(`../../../drizzle/${entry.tag}.sql`, { with: { type: "text" } })) as { default: string }).default;
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
      return {
        sql: text.split('--> statement-breakpoint'),
        bps: entry.breakpoints,
        folderMillis: entry.when,
        hash: Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join(''),
      };
    }),
  );
}
