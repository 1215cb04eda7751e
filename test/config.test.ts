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
      admins: [],
      slack: null,
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

describe('Slack and roles configuration', () => {
  const secret = 'e3b0c44298fc1c149afbf4c8996fb924';
  it('is off without Slack variables, HTTP with a bot token and signing secret, Socket Mode with an app token', () => {
    expect(parseConfig({}).slack).toBeNull();
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: secret }).slack).toEqual({
      botToken: 'xoxb-1-2-abc', signingSecret: secret, appToken: null, alertChannel: null, apiUrl: 'https://slack.com/api/',
    });
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A-1', SLACK_ALERT_CHANNEL: 'C0123ABCD', SLACK_API_URL: 'http://127.0.0.1:9/api' }).slack).toEqual({
      botToken: 'xoxb-1', signingSecret: null, appToken: 'xapp-1-A-1', alertChannel: 'C0123ABCD', apiUrl: 'http://127.0.0.1:9/api/',
    });
  });

  it('names what is missing from a half configuration, and the expected shape of each token without echoing it', () => {
    expect(errors({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN/)]);
    expect(errors({ SLACK_SIGNING_SECRET: secret })).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN: required/)]);
    expect(errors({ SLACK_ALERT_CHANNEL: 'C0123ABCD' })).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN: required/)]);
    const problems = errors({ SLACK_BOT_TOKEN: 'xoxp-user-token-secret', SLACK_SIGNING_SECRET: 'not hex secret', SLACK_ALERT_CHANNEL: '#alerts' });
    expect(problems).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN: must be a bot token \(xoxb-…\)/),
      expect.stringMatching(/^SLACK_SIGNING_SECRET: must be the hex Signing Secret/),
      expect.stringMatching(/^SLACK_ALERT_CHANNEL: must be a channel id/),
    ]);
    expect(problems.join('\n')).not.toMatch(/user-token-secret|not hex secret/);
  });

  it('reads DIRSYNC_ADMINS as identities', () => {
    expect(parseConfig({ DIRSYNC_ADMINS: 'slack:U024BE7LH, web:alice' }).admins).toEqual(['slack:U024BE7LH', 'web:alice']);
    expect(errors({ DIRSYNC_ADMINS: 'alice' })).toEqual([expect.stringMatching(/^DIRSYNC_ADMINS: must be comma-separated identities/)]);
  });
});
