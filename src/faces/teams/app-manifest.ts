/**
 * The Teams app manifest (schema v1.17) that goes into the app package admins upload, so the bot,
 * its scopes and its command suggestions come from this deployment's configuration.
 */
import { CHAT_HELP, entriesFor } from '../../commands/registry.ts';

export const TEAMS_MANIFEST_VERSION = '1.17';

/** The app's accent colour; the colour icon is drawn on the same blue so the two match. */
export const ACCENT_COLOR = '#2563EB';

export interface TeamsDeveloper {
  name: string;
  websiteUrl: string;
  privacyUrl: string;
  termsOfUseUrl: string;
}

export interface TeamsManifestOptions {
  /** The bot's Microsoft App ID (MICROSOFT_APP_ID); also used as the Teams app id. */
  appId: string;
  /** Where this deployment is reachable, e.g. https://dirsync.example.com. */
  publicUrl: string;
  /** The app version, semver (package.json's); Teams only offers an update when it grows. */
  version: string;
  name?: string;
  /** Over the defaults: the public host's name, its address, and its /privacy and /terms. */
  developer?: Partial<TeamsDeveloper>;
}

// Teams shows at most 10 commands per list. These are listed; `sync all`, `delete`, `alerts` and
// `roles` work just the same when typed, they are only not suggested.

/** Where the bot talks: a personal chat, a team's channels, a group chat; each has its command menu. */
const BOT_SCOPES = ['personal', 'team', 'groupChat'] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function teamsManifest(opts: TeamsManifestOptions) {
  if (!GUID.test(opts.appId)) {
    throw new Error(`the Microsoft App ID must be a GUID like 00000000-0000-0000-0000-000000000000 (Azure Bot → Configuration), got "${opts.appId}"`);
  }
  // Teams' own pattern: three plain numbers, no pre-release suffix.
  if (!/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(opts.version)) throw new Error(`the app version must be like 1.2.3, got "${opts.version}"`);
  const base = httpsBase(opts.publicUrl, 'the public URL');
  const name = opts.name ?? 'dirsync';
  if (!/^\S.{0,29}$/.test(name)) throw new Error(`the Teams app name must be 1–30 characters, got "${name}"`);
  const developer = { ...defaultDeveloper(base), ...opts.developer };
  // Any page will do, with a query or fragment if it has one.
  for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl'] as const) httpsUrl(developer[key], DEVELOPER_LINKS[key], 'https://example.com/privacy');
  if (!developer.name.trim()) throw new Error('the developer name must not be empty');
  const commands = chatCommands();
  return {
    $schema: `https://developer.microsoft.com/en-us/json-schemas/teams/v${TEAMS_MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    manifestVersion: TEAMS_MANIFEST_VERSION,
    version: opts.version,
    id: opts.appId,
    developer: { ...developer, name: developer.name.slice(0, 32) },
    name: { short: name, full: `${name}: directory sync` },
    description: { short: SHORT_DESCRIPTION, full: fullDescription(name) },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: ACCENT_COLOR,
    bots: [
      {
        botId: opts.appId,
        scopes: [...BOT_SCOPES],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: BOT_SCOPES.map((scope) => ({ scopes: [scope], commands })),
      },
    ],
    permissions: ['identity' as const, 'messageTeamMembers' as const],
    validDomains: [validDomain(opts.publicUrl)],
  };
}

/** The host Teams lists as the app's domain: no scheme, port or path. */
export function validDomain(publicUrl: string): string {
  return new URL(httpsBase(publicUrl, 'the public URL')).hostname;
}

const SHORT_DESCRIPTION = 'Test, sync and watch LDAP / AD directory syncs; approve risky changes.';

const fullDescription = (name: string) => [
  `${name} keeps users, addresses and groups from LDAP and Active Directory in sync with a database.`,
  `In a personal chat, type a command (for example "test corp-ad"); in a channel, mention the bot first ("@${name} test corp-ad").`,
  `Commands: ${[...new Set(entriesFor('chat').map((e) => e.words.join(' ')))].join(', ')} and help.`,
  'Approval cards: deleting an integration, or a sync that would remove more than the threshold, posts a card with Approve and Reject; another admin than the requester must approve.',
  'Alerts: when a sync fails, the alert channel gets one card per problem, updated in place as it repeats, with its history as replies; lingering disabled integrations and expiring directory certificates are warned about too.',
].join('\n\n');

/** A command title is the usage's leading words: `sync <name>` → `sync`, `alerts here|off` → `alerts here`. */
export function commandTitle(usage: string): string {
  const words: string[] = [];
  for (const word of usage.split(/\s+/)) {
    if (/^[<[]/.test(word)) break;
    words.push(word.split('|')[0]!);
    if (word.includes('|')) break;
  }
  return words.join(' ');
}

/** Teams shows at most 10 commands per scope: `help`, then the chat commands the registry ranks for the menu. */
function chatCommands(): { title: string; description: string }[] {
  const ranked = entriesFor('chat').filter((e) => e.spec.menu !== undefined).sort((a, b) => a.spec.menu! - b.spec.menu!);
  const help = CHAT_HELP.find((h) => h.usage === 'help')!;
  return [{ title: 'help', description: help.summary }, ...ranked.map((e) => ({ title: e.words.join(' '), description: clip(e.spec.summary, 128) }))].slice(0, 10);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function defaultDeveloper(base: string): TeamsDeveloper {
  const host = new URL(base).hostname;
  // Teams caps the developer name at 32 characters; a long host name reads worse cut than "dirsync".
  return { name: host.length <= 32 ? host : 'dirsync', websiteUrl: base, privacyUrl: `${base}/privacy`, termsOfUseUrl: `${base}/terms` };
}

const DEVELOPER_LINKS = { websiteUrl: 'the website URL (--website-url)', privacyUrl: 'the privacy statement URL (--privacy-url)', termsOfUseUrl: 'the terms of use URL (--terms-url)' };

/** An https:// address, parsed; Teams refuses plain-http links. */
function httpsUrl(value: string, what: string, example: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`${what} "${value}" is not a URL (e.g. ${example})`);
  }
  if (url.protocol !== 'https:') throw new Error(`Teams only accepts https:// URLs: ${what} must be an https:// address (e.g. ${example}), got "${value}"`);
  return url;
}

/** https://host[:port][/prefix] without trailing slashes; Teams refuses plain-http URLs. */
function httpsBase(value: string, what: string): string {
  const url = httpsUrl(value, what, 'https://dirsync.example.com');
  if (url.username || url.password || url.search || url.hash) {
    throw new Error(`${what} must be only https://host[:port][/path], without credentials, query or fragment: "${value}"`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
