import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import './pglite-template.ts';
import { openDatabase, type Database } from '../../src/adapters/db/client.ts';
import { createStore } from '../../src/adapters/db/store.ts';
import type { Store } from '../../src/core/ports.ts';

export interface Backend {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated database of its own; `drop` removes it. */
  create(): Promise<{ database: Database; store: Store; url: string | null; drop(): Promise<void> }>;
}

const pglite: Backend = {
  name: 'pglite',
  async create() {
    const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
    const database = await openDatabase({ kind: 'pglite', dataDir: null, template });
    await database.migrate();
    return { database, store: createStore(database), url: null, drop: () => database.close() };
  },
};

/** One throw-away database per suite on the server in DATABASE_URL, so files can run in parallel. */
function postgresBackend(adminUrl: string): Backend {
  return {
    name: 'postgres',
    async create() {
      const name = `dirsync_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const database = await openDatabase({ kind: 'postgres', url: url.toString() });
      await database.migrate();
      return {
        database,
        store: createStore(database),
        url: url.toString(),
        async drop() {
          await database.close();
          const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
          await cleanup.unsafe(`drop database if exists ${name} with (force)`);
          await cleanup.end();
        },
      };
    },
  };
}

/** PGlite always; Postgres too when DATABASE_URL is set (CI sets it). */
export const backends: Backend[] = [pglite, ...(process.env.DATABASE_URL ? [postgresBackend(process.env.DATABASE_URL)] : [])];
