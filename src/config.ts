import { z } from 'zod';
import type { DatabaseTarget } from './adapters/db/client.ts';
import type { LogLevel } from './adapters/log/logger.ts';

export interface Config {
  database: DatabaseTarget;
  dataDir: string;
  /** null: generate or reuse a key file in dataDir (with a warning). */
  secretKey: Buffer | null;
  http: { host: string; port: number };
  logLevel: LogLevel;
  /** Sync runs executed at once by this process (0: this replica only serves HTTP). */
  workers: number;
  /** Whether this process queues scheduled syncs (every replica may; slots are idempotent). */
  scheduler: boolean;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Empty variables count as unset: `FOO=` in an env file should not mean "the empty string". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const Env = z.object({
  // The URL holds a password: messages describe it, never echo it.
  DATABASE_URL: optional(
    z.string().refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v) && URL.canParse(v), {
      message: 'must be a postgres:// or postgresql:// URL, e.g. postgres://dirsync@db.example:5432/dirsync',
    }),
  ),
  DIRSYNC_DATA_DIR: optional(z.string()),
  DIRSYNC_SECRET_KEY: optional(
    z.string().refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v.trim()) && Buffer.from(v, 'base64').length === 32, {
      message: 'must be 32 random bytes in base64 (44 characters); generate one with: openssl rand -base64 32',
    }),
  ),
  HOST: optional(z.string().min(1)),
  PORT: optional(
    z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be 0–65535').max(65535, 'must be 0–65535'),
  ),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  DIRSYNC_WORKERS: optional(z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be 0–16').max(16, 'must be 0–16')),
  DIRSYNC_SCHEDULER: optional(z.enum(['on', 'off'], { message: 'must be on or off' })),
});

/** Parses the environment once, at an entry point; everything below takes the typed result. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`));
  }
  const e = parsed.data;
  const dataDir = e.DIRSYNC_DATA_DIR ?? './.dirsync';
  return {
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: `${dataDir}/pgdata` },
    dataDir,
    secretKey: e.DIRSYNC_SECRET_KEY ? Buffer.from(e.DIRSYNC_SECRET_KEY, 'base64') : null,
    http: { host: e.HOST ?? '127.0.0.1', port: e.PORT ?? 3000 },
    logLevel: e.LOG_LEVEL ?? 'info',
    workers: e.DIRSYNC_WORKERS ?? 2,
    scheduler: (e.DIRSYNC_SCHEDULER ?? 'on') === 'on',
  };
}

/** The database for log lines: never the password. */
export function describeDatabase(target: DatabaseTarget): string {
  if (target.kind === 'pglite') return `PGlite in ${target.dataDir ?? 'memory'}`;
  const url = new URL(target.url);
  return `Postgres at ${url.hostname}:${url.port || '5432'}${url.pathname}`;
}
