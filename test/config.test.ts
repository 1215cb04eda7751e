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
      teams: null,
      trustedProxies: [],
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

  it('reads DIRSYNC_PUBLIC_URL as an http(s) address without the trailing slash', () => {
    expect(parseConfig({}).publicUrl).toBeUndefined();
    expect(parseConfig({ DIRSYNC_PUBLIC_URL: 'https://dirsync.example.com/' }).publicUrl).toBe('https://dirsync.example.com');
    expect(parseConfig({ DIRSYNC_PUBLIC_URL: 'http://127.0.0.1:3000/dirsync' }).publicUrl).toBe('http://127.0.0.1:3000/dirsync');
    expect(errors({ DIRSYNC_PUBLIC_URL: 'dirsync.example.com' })).toEqual([expect.stringMatching(/^DIRSYNC_PUBLIC_URL: must be the http\(s\) address/)]);
    expect(errors({ DIRSYNC_PUBLIC_URL: 'ftp://dirsync.example.com' })).toEqual([expect.stringMatching(/^DIRSYNC_PUBLIC_URL: must be the http\(s\) address/)]);
    expect(errors({ DIRSYNC_PUBLIC_URL: 'https://dirsync.example.com/?x=1' })).toEqual([expect.stringMatching(/^DIRSYNC_PUBLIC_URL: must be a plain address/)]);
  });

  it('reads DIRSYNC_TRUSTED_PROXIES as IP addresses, and refuses names and ranges', () => {
    expect(parseConfig({ DIRSYNC_TRUSTED_PROXIES: '127.0.0.1, ::1' }).trustedProxies).toEqual(['127.0.0.1', '::1']);
    for (const bad of ['proxy.internal', '192.0.2.0/24', '127.0.0.1,']) {
      expect(errors({ DIRSYNC_TRUSTED_PROXIES: bad }), bad).toEqual([expect.stringMatching(/^DIRSYNC_TRUSTED_PROXIES: must be the IP addresses of your reverse proxies/)]);
    }
  });

  it('reads DIRSYNC_METRICS_TOKEN, and refuses a short or oddly spelled one without echoing it', () => {
    const token = randomBytes(32).toString('hex');
    expect(parseConfig({ DIRSYNC_METRICS_TOKEN: token }).metricsToken).toBe(token);
    expect(parseConfig({ DIRSYNC_METRICS_TOKEN: 'A1b2-C3d4.E5f6_G7h8~I9j0+K1l2/M3n4==' }).metricsToken).toBe('A1b2-C3d4.E5f6_G7h8~I9j0+K1l2/M3n4==');
    expect(parseConfig({}).metricsToken).toBeUndefined();
    for (const bad of ['short-secret-token', 'a token with spaces in it, long enough', `quote"${'q'.repeat(40)}`, 'ü'.repeat(40)]) {
      const problems = errors({ DIRSYNC_METRICS_TOKEN: bad });
      expect(problems, bad).toEqual([expect.stringMatching(/^DIRSYNC_METRICS_TOKEN: must be at least 32 characters .*openssl rand -hex 32/)]);
      expect(problems.join('\n')).not.toContain(bad);
    }
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

describe('Teams configuration', () => {
  const appId = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
  const tenant = 'c0ffee00-0000-4000-8000-000000000001';
  it('is off without an app id, authenticated with one, and insecure only when asked for explicitly', () => {
    expect(parseConfig({}).teams).toBeNull();
    expect(parseConfig({ MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: 's3cret' }).teams).toEqual({ mode: 'authenticated', appId, appPassword: 's3cret', tenantId: null, appType: 'MultiTenant' });
    expect(parseConfig({ MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: 's', MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_TENANT_ID: tenant }).teams).toMatchObject({ appType: 'SingleTenant', tenantId: tenant });
    expect(parseConfig({ MICROSOFT_APP_ID: appId, MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: tenant }).teams).toMatchObject({ appType: 'UserAssignedMSI', appPassword: null });
    expect(parseConfig({ DIRSYNC_TEAMS_INSECURE_LOCAL: '1' }).teams).toEqual({ mode: 'insecure_local' });
    expect(parseConfig({ DIRSYNC_TEAMS_INSECURE_LOCAL: '0' }).teams).toBeNull();
  });

  it('names what is missing or contradictory, without echoing the secret', () => {
    expect(errors({ MICROSOFT_APP_ID: appId })).toEqual([expect.stringMatching(/^MICROSOFT_APP_PASSWORD: required for MultiTenant/)]);
    expect(errors({ MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: 's', MICROSOFT_APP_TYPE: 'SingleTenant' })).toEqual([expect.stringMatching(/^MICROSOFT_APP_TENANT_ID: required for SingleTenant/)]);
    expect(errors({ MICROSOFT_APP_PASSWORD: 'top-secret-value' })).toEqual([expect.stringMatching(/^MICROSOFT_APP_ID: required when MICROSOFT_APP_PASSWORD is set/)]);
    expect(errors({ MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: 's', DIRSYNC_TEAMS_INSECURE_LOCAL: '1' })).toEqual([expect.stringMatching(/^DIRSYNC_TEAMS_INSECURE_LOCAL: remove it/)]);
    const bad = errors({ MICROSOFT_APP_ID: 'my-bot', MICROSOFT_APP_TYPE: 'Personal', DIRSYNC_TEAMS_INSECURE_LOCAL: 'yes' });
    expect(bad).toEqual([
      expect.stringMatching(/^MICROSOFT_APP_ID: must be the bot's Microsoft App ID, a GUID/),
      expect.stringMatching(/^MICROSOFT_APP_TYPE: must be one of MultiTenant, SingleTenant, UserAssignedMSI/),
      expect.stringMatching(/^DIRSYNC_TEAMS_INSECURE_LOCAL: must be 1/),
    ]);
    expect(JSON.stringify(errors({ MICROSOFT_APP_PASSWORD: 'top-secret-value' }))).not.toContain('top-secret-value');
  });
});
