import { isIP } from 'node:net';
import { z } from 'zod';
import type { DatabaseTarget } from './adapters/db/client.ts';
import type { LogFormat, LogLevel } from './adapters/log/logger.ts';
import { parseIdentity } from './core/roles.ts';

export interface Config {
  database: DatabaseTarget;
  dataDir: string;
  /** null: generate or reuse a key file in dataDir (with a warning). */
  secretKey: Buffer | null;
  http: { host: string; port: number };
  logLevel: LogLevel;
  /** LOG_FORMAT; unset: human lines on a terminal, JSON otherwise (logFormatFor). */
  logFormat?: LogFormat;
  /** Sync runs executed at once by this process (0: this replica only serves HTTP). */
  workers: number;
  /** Whether this process queues scheduled syncs (every replica may; slots are idempotent). */
  scheduler: boolean;
  /** Identities made admins of the default account at start (DIRSYNC_ADMINS). */
  admins: string[];
  /** null: Slack is off. */
  slack: SlackConfig | null;
  /** null: the Teams endpoint is off. */
  teams: TeamsConfig | null;
  /** DIRSYNC_PUBLIC_URL without a trailing slash: where people reach this server (links in the log). */
  publicUrl?: string;
  /**
   * DIRSYNC_TRUSTED_PROXIES: addresses of reverse proxies whose X-Forwarded-For names the client
   * (for the per-client sign-in limit). Empty: the peer address is the client.
   */
  trustedProxies: string[];
  /** DIRSYNC_METRICS_TOKEN: GET /metrics then needs `Authorization: Bearer <it>`; absent, /metrics is open. */
  metricsToken?: string;
}

export const TEAMS_APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

export type TeamsConfig =
  | { mode: 'authenticated'; appId: string; appPassword: string | null; tenantId: string | null; appType: (typeof TEAMS_APP_TYPES)[number] }
  /** DIRSYNC_TEAMS_INSECURE_LOCAL=1 without credentials: requests are not authenticated (Emulator only). */
  | { mode: 'insecure_local' };

export interface SlackConfig {
  botToken: string;
  /** HTTP mode: requests on POST /slack/events are verified with it. null in Socket Mode. */
  signingSecret: string | null;
  /** Socket Mode when set. */
  appToken: string | null;
  /** Default alert channel id until someone says `alerts here`. */
  alertChannel: string | null;
  /** Slack's Web API base URL, ending in `/` (tests point it at a local server). */
  apiUrl: string;
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
  LOG_FORMAT: optional(z.enum(['json', 'pretty'], { message: 'must be json or pretty (unset: pretty on a terminal, json otherwise)' })),
  DIRSYNC_WORKERS: optional(z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be 0–16').max(16, 'must be 0–16')),
  DIRSYNC_SCHEDULER: optional(z.enum(['on', 'off'], { message: 'must be on or off' })),
  DIRSYNC_ADMINS: optional(
    z.string().refine((v) => v.split(',').every((id) => parseIdentity(id) !== null), {
      message: 'must be comma-separated identities such as slack:U024BE7LH,teams:<AAD object id>,web:alice',
    }),
  ),
  // Tokens are secrets: messages name the variable and the expected shape, never the value.
  SLACK_BOT_TOKEN: optional(z.string().regex(/^xoxb-[\w-]+$/, 'must be a bot token (xoxb-…): OAuth & Permissions → Bot User OAuth Token')),
  SLACK_SIGNING_SECRET: optional(z.string().regex(/^[0-9a-f]{16,128}$/i, 'must be the hex Signing Secret from Basic Information → App Credentials')),
  SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-[\w-]+$/, 'must be an app-level token (xapp-…) with connections:write, for Socket Mode')),
  SLACK_ALERT_CHANNEL: optional(z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a channel id such as C0123ABCD (channel details → About → Channel ID), not a #name')),
  SLACK_API_URL: optional(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL, e.g. https://slack.com/api/' })),
  MICROSOFT_APP_ID: optional(z.guid('must be the bot\'s Microsoft App ID, a GUID such as 00000000-0000-0000-0000-000000000000')),
  MICROSOFT_APP_PASSWORD: optional(z.string()),
  MICROSOFT_APP_TENANT_ID: optional(z.guid('must be the Entra ID tenant id, a GUID')),
  MICROSOFT_APP_TYPE: optional(z.enum(TEAMS_APP_TYPES, { message: `must be one of ${TEAMS_APP_TYPES.join(', ')}` })),
  DIRSYNC_PUBLIC_URL: optional(
    z.url({ protocol: /^https?$/, message: 'must be the http(s) address people and chat platforms reach this server at, e.g. https://dirsync.example.com' })
      .refine((v) => !/[?#]/.test(v), { message: 'must be a plain address, without ?query or #fragment, e.g. https://dirsync.example.com' }),
  ),
  DIRSYNC_TRUSTED_PROXIES: optional(
    z.string().refine((v) => v.split(',').every((a) => isIP(a.trim()) !== 0), {
      message: 'must be the IP addresses of your reverse proxies, comma-separated, e.g. 127.0.0.1,::1 (no names, no ranges)',
    }),
  ),
  // The characters of an RFC 6750 bearer token, so Prometheus can send it as is.
  DIRSYNC_METRICS_TOKEN: optional(
    z.string().regex(/^[A-Za-z0-9._~+/-]{32,}=*$/, 'must be at least 32 characters of letters, digits and - . _ ~ + / (a bearer token), e.g. from: openssl rand -hex 32'),
  ),
  DIRSYNC_TEAMS_INSECURE_LOCAL: optional(z.enum(['0', '1'], { message: 'must be 1 (serve /api/messages without authentication, for the Emulator) or 0' })),
});

/** Every variable dirsync reads (npm run worker:dev hands exactly these to the local Worker). */
export const CONFIG_VARIABLES = Object.keys(Env.shape);

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
    ...(e.LOG_FORMAT && { logFormat: e.LOG_FORMAT }),
    workers: e.DIRSYNC_WORKERS ?? 2,
    scheduler: (e.DIRSYNC_SCHEDULER ?? 'on') === 'on',
    admins: e.DIRSYNC_ADMINS ? e.DIRSYNC_ADMINS.split(',').map((id) => id.trim()) : [],
    slack: slackConfig(e),
    teams: teamsConfig(e),
    ...(e.DIRSYNC_PUBLIC_URL && { publicUrl: e.DIRSYNC_PUBLIC_URL.replace(/\/+$/, '') }),
    trustedProxies: e.DIRSYNC_TRUSTED_PROXIES ? e.DIRSYNC_TRUSTED_PROXIES.split(',').map((a) => a.trim()) : [],
    ...(e.DIRSYNC_METRICS_TOKEN && { metricsToken: e.DIRSYNC_METRICS_TOKEN }),
  };
}

/**
 * Teams is on with a Microsoft App ID (and its secret or tenant, by app type). Without one the
 * SDK would accept unauthenticated requests, so the endpoint stays off unless the operator asks
 * for exactly that, for a local emulator.
 */
function teamsConfig(e: z.output<typeof Env>): TeamsConfig | null {
  const insecure = e.DIRSYNC_TEAMS_INSECURE_LOCAL === '1';
  const appId = e.MICROSOFT_APP_ID;
  if (!appId) {
    const stray = (['MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID', 'MICROSOFT_APP_TYPE'] as const).filter((k) => e[k]);
    if (stray.length > 0) throw new ConfigError([`MICROSOFT_APP_ID: required when ${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set`]);
    return insecure ? { mode: 'insecure_local' } : null;
  }
  if (insecure) throw new ConfigError(['DIRSYNC_TEAMS_INSECURE_LOCAL: remove it: with MICROSOFT_APP_ID set, every request is authenticated']);
  const appType = e.MICROSOFT_APP_TYPE ?? 'MultiTenant';
  const problems: string[] = [];
  if (appType !== 'UserAssignedMSI' && !e.MICROSOFT_APP_PASSWORD) problems.push(`MICROSOFT_APP_PASSWORD: required for ${appType}: the bot's client secret`);
  if (appType !== 'MultiTenant' && !e.MICROSOFT_APP_TENANT_ID) problems.push(`MICROSOFT_APP_TENANT_ID: required for ${appType}`);
  if (problems.length > 0) throw new ConfigError(problems);
  return { mode: 'authenticated', appId, appPassword: e.MICROSOFT_APP_PASSWORD ?? null, tenantId: e.MICROSOFT_APP_TENANT_ID ?? null, appType };
}

/** Slack is on with a bot token and either a signing secret (HTTP) or an app token (Socket Mode). */
function slackConfig(e: z.output<typeof Env>): SlackConfig | null {
  const { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_APP_TOKEN: appToken } = e;
  if (!botToken && !signingSecret && !appToken) {
    if (e.SLACK_ALERT_CHANNEL || e.SLACK_API_URL) throw new ConfigError(['SLACK_BOT_TOKEN: required when other SLACK_ variables are set']);
    return null;
  }
  if (!botToken) throw new ConfigError(['SLACK_BOT_TOKEN: required to turn Slack on (with SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN for Socket Mode)']);
  if (!signingSecret && !appToken) {
    throw new ConfigError(['SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN to receive requests on /slack/events (or set SLACK_APP_TOKEN for Socket Mode)']);
  }
  const apiUrl = e.SLACK_API_URL ?? 'https://slack.com/api/';
  return { botToken, signingSecret: signingSecret ?? null, appToken: appToken ?? null, alertChannel: e.SLACK_ALERT_CHANNEL ?? null, apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` };
}

/** The database for log lines: never the password. */
export function describeDatabase(target: DatabaseTarget): string {
  if (target.kind === 'pglite') return `PGlite in ${target.dataDir ?? 'memory'}`;
  if (target.kind === 'pglite-socket') return `the running server's PGlite (through ${target.path})`;
  const url = new URL(target.url);
  return `Postgres at ${url.hostname}:${url.port || '5432'}${url.pathname}`;
}
