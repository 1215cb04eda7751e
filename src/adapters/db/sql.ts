import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './client.ts';

/** Rows of a raw query: PGlite answers `{ rows }`, postgres.js an array. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** The single number a `select count(…) as n` returns. */
export async function count(db: Db, query: SQL): Promise<number> {
  return Number((await rows<{ n: string | number }>(db, query))[0]?.n ?? 0);
}

/** Rows written by a raw statement. */
export async function affected(db: Db, query: SQL): Promise<number> {
  const result = (await db.execute(query)) as unknown as { count?: number; affectedRows?: number };
  return result.count ?? result.affectedRows ?? 0;
}

/**
 * An array as one parameter of the given Postgres type. Drizzle would otherwise spread it into
 * a row of parameters, and postgres.js mistypes boolean arrays, so booleans travel as text.
 */
export function array(values: readonly (string | number | boolean | null)[], type: 'text' | 'bigint' | 'boolean') {
  if (type === 'boolean') return sql`${sql.param(values.map((v) => (v === null ? null : v ? 'true' : 'false')))}::text[]::boolean[]`;
  return sql`${sql.param([...values])}::${sql.raw(type)}[]`;
}

/** A timestamp parameter: ISO text with an explicit cast (raw SQL gets no column type to map a Date). */
export function ts(date: Date) {
  return sql`${date.toISOString()}::timestamptz`;
}

// Transaction-scoped advisory locks: one key space per purpose, the account id hashed in.
export const advisoryLock = (db: Db, purpose: string, accountId: string) =>
  db.execute(sql`select pg_advisory_xact_lock(hashtext(${`${purpose}:${accountId}`}))`);
