// Postgres through psql: fresh bench databases, and rows written per table from the statistics
// collector (how "the re-sync wrote nothing" is verified without trusting dirsync's own counts).
import { run } from '../harness/process.ts';

export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function dbUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** psql without ~/.psqlrc, stopping at the first error, unaligned tuples only. */
export function psql(url: string, ...args: string[]): Promise<string> {
  return run('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url, ...args]);
}

export async function createDb(name: string): Promise<string> {
  if (!/^dirsync_bench_[a-z0-9_]+$/.test(name)) throw new Error(`refusing database name ${name}`);
  await psql(ADMIN_URL, '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, '-c', `CREATE DATABASE ${name}`);
  return dbUrl(name);
}

export async function dropDb(name: string): Promise<void> {
  if (!/^dirsync_bench_[a-z0-9_]+$/.test(name)) throw new Error(`refusing database name ${name}`);
  await psql(ADMIN_URL, '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

export interface Writes {
  /** n_tup_ins + n_tup_upd + n_tup_del summed over directory_% and pending_changes. */
  total: number;
  byTable: Record<string, number>;
}

const WRITES_SQL = `SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables
  WHERE relname LIKE 'directory\\_%' OR relname = 'pending_changes' ORDER BY relname`;

async function readWrites(url: string): Promise<Writes> {
  // A new psql is a new backend, so no stale snapshot; clear it anyway in case that changes.
  const out = await psql(url, '-F', '\t', '-c', 'SELECT pg_stat_clear_snapshot()', '-c', WRITES_SQL);
  const byTable: Record<string, number> = {};
  for (const line of out.split('\n').filter((l) => l.includes('\t'))) {
    const [name = '', n = '0'] = line.split('\t');
    byTable[name] = Number(n);
  }
  return { total: Object.values(byTable).reduce((a, b) => a + b, 0), byTable };
}

/**
 * Counters after every other backend of this database has gone: a backend flushes its table
 * statistics when it exits (and at most once a second before that), so a read while the sync's
 * connections are still closing would miss rows. Then reads until two reads agree.
 */
export async function settledWrites(url: string, timeoutMs = 15_000): Promise<Writes> {
  const db = new URL(url).pathname.slice(1);
  const deadline = Date.now() + timeoutMs;
  // Client backends only: an autovacuum worker may sit in the database after a big sync.
  const others = `SELECT count(*) FROM pg_stat_activity WHERE datname = '${db}' AND backend_type = 'client backend' AND pid <> pg_backend_pid()`;
  while (Number((await psql(url, '-c', others)).trim()) > 0) {
    if (Date.now() > deadline) throw new Error(`backends still connected to ${db} after ${timeoutMs} ms; statistics would be incomplete`);
    await sleep(100);
  }
  let last = await readWrites(url);
  for (;;) {
    await sleep(250);
    const next = await readWrites(url);
    if (next.total === last.total || Date.now() > deadline) return next;
    last = next;
  }
}

export function diffWrites(before: Writes, after: Writes): Writes {
  const byTable: Record<string, number> = {};
  for (const [t, n] of Object.entries(after.byTable)) {
    const d = n - (before.byTable[t] ?? 0);
    if (d !== 0) byTable[t] = d;
  }
  return { total: after.total - before.total, byTable };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
