import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeDatabase, parseConfig } from '../src/config.ts';

const errors = (env: Record<string, string>) => {
  try {
    parseConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('parseConfig', () => {
  it('defaults to PGlite in ./.dirsync, 127.0.0.1:3000, no configured key', () => {
    expect(parseConfig({})).toEqual({
      database: { kind: 'pglite', dataDir: './.dirsync/pgdata' },
      dataDir: './.dirsync',
      secretKey: null,
      http: { host: '127.0.0.1', port: 3000 },
      logLevel: 'info',
      workers: 2,
      scheduler: true,
    });
  });

  it('uses postgres.js with DATABASE_URL, and reads the key, host and port', () => {
    const key = randomBytes(32);
    const config = parseConfig({
      DATABASE_URL: 'postgres://dirsync:pw@db.example:5433/dirsync',
      DIRSYNC_SECRET_KEY: key.toString('base64'),
      DIRSYNC_DATA_DIR: '/var/lib/dirsync',
      HOST: '0.0.0.0',
      PORT: '8080',
      LOG_LEVEL: 'debug',
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://dirsync:pw@db.example:5433/dirsync' });
    expect(config.secretKey!.equals(key)).toBe(true);
    expect(config.http).toEqual({ host: '0.0.0.0', port: 8080 });
    expect(describeDatabase(config.database)).toBe('Postgres at db.example:5433/dirsync');
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ DATABASE_URL: '', PORT: '' }).database.kind).toBe('pglite');
  });

  it('names each bad variable with the fix, and never echoes a secret', () => {
    const problems = errors({ DATABASE_URL: 'mysql://u:hunter2@h/db', DIRSYNC_SECRET_KEY: 'dG9vIHNob3J0', PORT: '99999', LOG_LEVEL: 'loud' });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).not.toMatch(/hunter2|dG9vIHNob3J0/);
    expect(problems.find((p) => p.startsWith('DATABASE_URL'))).toMatch(/postgres:\/\//);
    expect(problems.find((p) => p.startsWith('DIRSYNC_SECRET_KEY'))).toMatch(/openssl rand -base64 32/);
    expect(problems.find((p) => p.startsWith('PORT'))).toMatch(/0–65535/);
  });
});
