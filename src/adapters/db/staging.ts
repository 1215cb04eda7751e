import { sql } from 'drizzle-orm';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { DirectoryGroup } from '../../core/directory-entry.ts';
import type { SyncStaging } from '../../core/sync-ports.ts';
import type { Session, Database, Db } from './client.ts';
import { array } from './sql.ts';
import { stagingTable, type WrittenKind } from './staging-tables.ts';

const COLUMNS: Record<WrittenKind, string> = {
  users: '(external_id, dn, dn_key, display_name, primary_email, disabled)',
  addresses: '(external_id, address, is_primary)',
  groups: '(external_id, dn, name)',
  members: '(group_external_id, member_key)',
  ids: '(external_id)',
};
type Table = WrittenKind;
type Cell = string | number | boolean | null;

/** Writes one run's read into the staging tables, page by page: COPY on Postgres, unnest batches on PGlite. */
export function createStaging(database: Database, runId: number): SyncStaging {
  const into = (t: Table) => `"${stagingTable(runId, t)}" ${COLUMNS[t]}`;
  const write = database.session ? copyWriter(database.session, into) : unnestWriter(database.db, into);
  return {
    async users(users) {
      const addresses: Cell[][] = [];
      const rows: Cell[][] = users.map((u) => {
        for (const a of u.addresses) addresses.push([u.externalId, a, a === u.primaryEmail]);
        return [u.externalId, u.dn, u.dn.toLowerCase(), u.displayName, u.primaryEmail, u.disabled];
      });
      await Promise.all([write.rows('users', rows), write.rows('addresses', addresses)]);
    },
    async groups(groups: DirectoryGroup[]) {
      const members: Cell[][] = [];
      for (const g of groups) for (const m of g.members) members.push([g.externalId, m.toLowerCase()]);
      await Promise.all([write.rows('groups', groups.map((g) => [g.externalId, g.dn, g.name])), write.rows('members', members)]);
    },
    ids: (ids) => write.rows('ids', ids.map((id) => [id])),
    usersDone: () => write.finish(['users', 'addresses']),
    finish: () => write.finish(),
    abort: () => write.abort(),
  };
}

interface Writer {
  rows(table: Table, rows: Cell[][]): Promise<void>;
  /** Ends (commits) the given tables' writes, or all of them. */
  finish(tables?: Table[]): Promise<void>;
  abort(): Promise<void>;
}

/**
 * One COPY stream per table for the whole read: the cheapest way into Postgres, with
 * backpressure. Rows are sent in chunks of about 64 kB rather than page by page: every write is
 * a system call, and on loopback the kernel also does the receiving side's work in it.
 */
const CHUNK = 64 * 1024;

function copyWriter(open: Session, into: (t: Table) => string): Writer {
  const streams = new Map<Table, Promise<CopyStream>>();
  const pending = new Map<Table, string>();
  const stream = (table: Table) => {
    if (!streams.has(table)) streams.set(table, openCopy(open, `copy ${into(table)} from stdin`));
    return streams.get(table)!;
  };
  const flush = async (table: Table) => {
    const text = pending.get(table);
    if (!text) return;
    pending.delete(table);
    await (await stream(table)).write(text);
  };
  return {
    async rows(table, rows) {
      if (rows.length === 0) return;
      let text = pending.get(table) ?? '';
      for (const row of rows) text += copyLine(row);
      pending.set(table, text);
      if (text.length >= CHUNK) await flush(table);
    },
    async finish(tables) {
      const ending = [...new Set([...streams.keys(), ...pending.keys()])].filter((table) => !tables || tables.includes(table));
      await Promise.all(ending.map(flush));
      await Promise.all(
        ending.map(async (table) => {
          const p = streams.get(table);
          streams.delete(table);
          if (p) await (await p).end();
        }),
      );
    },
    async abort() {
      pending.clear();
      const open = [...streams.values()];
      streams.clear();
      await Promise.all(open.map(async (p) => (await p.catch(() => null))?.abort()));
    },
  };
}

interface CopyStream {
  /** Resolves once the stream can take more; rejects as soon as the COPY or its connection failed. */
  write(text: string): Promise<void>;
  /** Commits the COPY; rejects if it failed or its connection was lost, even after the last row was sent. */
  end(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * A COPY on a client of its own, one connection, closed with the COPY. On a pooled connection
 * postgres.js may pipeline another query (a lease renewal, a count) behind the COPY before the
 * server has entered copy mode, and the server then ends the connection ("unexpected message
 * type 0x51 during COPY from stdin"). And a reserved one cannot be handed back safely once its
 * socket is gone: postgres.js would reuse it and throw from a timer (nextWrite, socket null).
 */
async function openCopy(open: Session, statement: string): Promise<CopyStream> {
  let failure: Error | null = null;
  let fail!: (e: Error) => void;
  // Rejects with the first failure: postgres.js destroying the stream (an error from the server,
  // a socket error), or the connection closing, which it reports to nobody once the last row
  // was sent (it only destroys a stream still being written).
  const failed = new Promise<never>((_, reject) => (fail = (e) => reject((failure ??= e))));
  failed.catch(() => {});
  let closing = false;
  const client = open(() => closing || fail(connectionClosed()));
  const close = (timeout: number) => {
    closing = true;
    return client.end({ timeout }).catch(() => {});
  };
  let out: Writable;
  try {
    out = await client.unsafe(statement).writable();
  } catch (e) {
    await close(0);
    throw e;
  }
  out.on('error', fail);
  const settle = <T>(p: Promise<T>) => Promise.race([p, failed]);
  return {
    async write(text) {
      if (failure) throw failure;
      if (!out.write(text)) await settle(once(out, 'drain'));
    },
    async end() {
      try {
        if (failure) throw failure;
        await settle(new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve()))));
      } finally {
        await close(failure ? 0 : 5);
      }
    },
    async abort() {
      // postgres.js sends CopyFail for a stream destroyed with an error: nothing is committed.
      if (!out.destroyed) out.destroy(new Error('read aborted'));
      await close(0);
    },
  };
}

function connectionClosed(): Error {
  return Object.assign(new Error('the database connection closed during a COPY'), { code: 'CONNECTION_CLOSED' });
}

/** COPY text format: tab-separated, \N for null, backslash escapes. Called for every staged row. */
function copyLine(row: Cell[]): string {
  let line = '';
  for (let i = 0; i < row.length; i++) line += (i === 0 ? '' : '\t') + copyCell(row[i]!);
  return `${line}\n`;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
function copyCell(v: Cell): string {
  if (v === null) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const text = String(v);
  // Directory data almost never holds these: test once, rewrite only when needed.
  return NEEDS_ESCAPE.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : text;
}
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** PGlite has no COPY FROM STDIN stream: one INSERT … SELECT FROM unnest(…) per page and table. */
function unnestWriter(db: Db, into: (t: Table) => string): Writer {
  const types: Record<Table, ('text' | 'boolean')[]> = {
    users: ['text', 'text', 'text', 'text', 'text', 'boolean'],
    addresses: ['text', 'text', 'boolean'],
    groups: ['text', 'text', 'text'],
    members: ['text', 'text'],
    ids: ['text'],
  };
  let queue = Promise.resolve();
  return {
    rows(table, rows) {
      if (rows.length === 0) return queue;
      const args = sql.join(types[table].map((type, i) => array(rows.map((r) => r[i] ?? null), type)), sql`, `);
      // PGlite is one connection: serialise instead of interleaving statements.
      queue = queue.then(() => db.execute(sql`insert into ${sql.raw(into(table))} select * from unnest(${args})`).then(() => {}));
      return queue;
    },
    finish: () => queue,
    abort: () => queue.catch(() => {}),
  };
}
