import { usageText } from '../../core/command-grammar.ts';
import { entriesFor } from '../../commands/registry.ts';

/**
 * The Slack app manifest (schema v1) for "Create New App → From an app manifest", so an admin
 * pastes one document instead of clicking through scopes, commands and request URLs by hand.
 */

export interface SlackManifestOptions {
  /** Where Slack reaches this deployment, e.g. https://dirsync.example.com; unused in Socket Mode. */
  publicUrl: string | null;
  /** Socket Mode: dirsync dials out to Slack, so no request URL has to be reachable from the internet. */
  socketMode: boolean;
  appName?: string;
  command?: string;
}

/** The path Bolt's HTTP receiver serves commands, interactions and events on. */
export const SLACK_EVENTS_PATH = '/slack/events';

// Least privilege: each scope is one something dirsync does fails without; admins review this list.
const BOT_SCOPES = [
  'commands', // the /dirsync slash command
  'chat:write', // replies, approval cards and alerts, and editing them in place (chat.update)
  'chat:write.public', // post alerts in a public channel (e.g. SLACK_ALERT_CHANNEL) the bot was not invited to
];

/** The commands Slack suggests as you type `/dirsync`: the registry's most used, within Slack's 100 characters. */
function usageHint(): string {
  const ranked = entriesFor('chat').filter((e) => e.spec.menu !== undefined).sort((a, b) => a.spec.menu! - b.spec.menu!);
  let hint = 'help';
  // Required arguments only: the hint is a reminder of the commands, `help` gives their options.
  for (const usage of ranked.map((e) => usageText({ words: e.words, args: e.args.filter((a) => !a.optional) }))) {
    if (hint.length + 3 + usage.length > 98) return `${hint} …`;
    hint = `${hint} | ${usage}`;
  }
  return hint;
}

export function slackManifest(opts: SlackManifestOptions): object {
  const name = opts.appName ?? 'dirsync';
  const command = opts.command ?? '/dirsync';
  if (!/^\S.{0,34}$/.test(name)) throw new Error(`Slack app name must be 1–35 characters, got "${name}"`);
  if (!/^\/[a-z0-9_-]{1,31}$/.test(command)) throw new Error(`Slack command must look like /dirsync (lower case, at most 32 characters), got "${command}"`);
  const events = opts.socketMode ? undefined : `${httpsBase(opts.publicUrl)}${SLACK_EVENTS_PATH}`;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'Directory sync alerts, approvals and commands',
      background_color: '#1d3b5e',
    },
    features: {
      bot_user: { display_name: name, always_online: true },
      slash_commands: [
        {
          command,
          ...(events && { url: events }),
          description: 'Test, sync and watch directory integrations; approve destructive changes',
          usage_hint: usageHint(),
          // Escaped, a mention arrives as <@U123|name>, which the grammar turns into slack:U123.
          should_escape: true,
        },
      ],
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      interactivity: { is_enabled: true, ...(events && { request_url: events }) },
      // No event subscriptions: dirsync handles no Slack event (issue 14 item 9). Subscribing to
      // app_uninstalled / tokens_revoked without acting on them promised what nothing did.
      org_deploy_enabled: false,
      socket_mode_enabled: opts.socketMode,
      token_rotation_enabled: false,
    },
  };
}

/** https://host[:port][/prefix] without trailing slashes; Slack refuses plain-http request URLs. */
function httpsBase(publicUrl: string | null): string {
  const hint = 'e.g. https://dirsync.example.com, or use Socket Mode when the server cannot be reached from the internet';
  if (!publicUrl?.trim()) throw new Error(`Slack needs the public https:// URL of this server (${hint})`);
  let url: URL;
  try {
    url = new URL(publicUrl.trim());
  } catch {
    throw new Error(`"${publicUrl}" is not a URL (${hint})`);
  }
  if (url.protocol !== 'https:') throw new Error(`Slack only sends requests to https:// URLs, got "${publicUrl}" (${hint})`);
  if (url.username || url.password || url.search || url.hash) {
    throw new Error(`the public URL must be only https://host[:port][/path], without credentials, query or fragment: "${publicUrl}"`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
