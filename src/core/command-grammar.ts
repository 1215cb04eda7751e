import { ROLES, type Role } from './roles.ts';
import { closestNames } from './suggest.ts';

/**
 * The chat grammar (`/dirsync …` in Slack, a message to the bot in Teams), parsed once here so
 * both faces accept exactly the same sentences (docs/architecture.md#how-a-chat-command-flows).
 * Parsing never fails: anything it cannot read becomes `help` with the problem stated, which is
 * what a person typing needs.
 */
export type ChatCommand =
  | { verb: 'help'; problem?: string }
  | { verb: 'list' }
  | { verb: 'test' | 'sync' | 'enable' | 'delete' | 'history'; name: string }
  | { verb: 'disable'; name: string; reason?: string }
  | { verb: 'sync_all' }
  | { verb: 'pending'; name?: string }
  | { verb: 'approve'; id: string }
  | { verb: 'reject'; id: string; note?: string }
  | { verb: 'alerts'; mode: 'here' | 'off' | 'status' }
  | { verb: 'roles'; action: 'list' }
  | { verb: 'roles'; action: 'grant'; identity: string; role: Role }
  | { verb: 'roles'; action: 'revoke'; identity: string };

export type ChatVerb = ChatCommand['verb'];

export interface HelpEntry {
  usage: string;
  summary: string;
  role: Role;
}

/** The help every chat face shows, in this order. */
export const CHAT_HELP: readonly HelpEntry[] = [
  { usage: 'list', summary: 'Integrations with their state, last run and held changes', role: 'viewer' },
  { usage: 'test <name>', summary: 'Test stage by stage: what broke, why, what to check', role: 'operator' },
  { usage: 'sync <name>', summary: 'Sync now, with progress in this channel', role: 'operator' },
  { usage: 'sync all', summary: 'Sync every integration that is not disabled', role: 'operator' },
  { usage: 'enable <name>', summary: 'Enable an integration', role: 'operator' },
  { usage: 'disable <name> [reason]', summary: 'Disable an integration (holds destructive changes account-wide)', role: 'operator' },
  { usage: 'delete <name>', summary: 'Request deletion; another admin approves', role: 'operator' },
  { usage: 'pending [<name>]', summary: 'Held changes, what blocks them, open approvals', role: 'viewer' },
  { usage: 'history <name>', summary: 'Recent runs with counts and failures', role: 'viewer' },
  { usage: 'approve <id>', summary: 'Approve a request (an admin other than the requester)', role: 'admin' },
  { usage: 'reject <id> [note]', summary: 'Reject a request (or withdraw your own)', role: 'operator' },
  { usage: 'alerts here|off', summary: 'Send alerts to this channel, or stop them', role: 'admin' },
  { usage: 'roles [grant <who> <role> | revoke <who>]', summary: 'Who may do what (viewer, operator, admin)', role: 'admin' },
  { usage: 'help', summary: 'This list', role: 'viewer' },
];

const NAMED = ['test', 'sync', 'enable', 'disable', 'delete', 'history'] as const;
const VERBS = ['help', 'list', ...NAMED, 'pending', 'approve', 'reject', 'alerts', 'roles'];

export interface GrammarOptions {
  /** Turns a platform mention (Slack `<@U123|bob>`) into an identity (`slack:U123`); null if it is not one. */
  mention?: (token: string) => string | null;
}

/**
 * The most text each platform lets a person send. Slack truncates a message's text at 40,000
 * characters (it documents no other limit for a slash command's text); Teams refuses a post over
 * about 28 KB, text and markup together. Longer text was not typed by a person, so the faces
 * answer it with help before parsing it, or flattening Teams markup, at all.
 */
export const CHAT_TEXT_LIMITS = { slack: 40_000, teams: 28 * 1024 } as const;

/** `help` naming the limit when `text` is longer than `platform` lets anyone send; else null. */
export function chatTextTooLong(text: string, platform: keyof typeof CHAT_TEXT_LIMITS): ChatCommand | null {
  const limit = CHAT_TEXT_LIMITS[platform];
  if (text.length <= limit) return null;
  const name = platform === 'slack' ? 'Slack' : 'Teams';
  const [length, max] = [text.length, limit].map((n) => n.toLocaleString('en'));
  return { verb: 'help', problem: `this message is ${length} characters long, more than ${name} lets anyone send (${max}), so dirsync did not read it. Commands are a few words, e.g. \`sync corp-ad\`.` };
}

export function parseChatCommand(text: string, opts: GrammarOptions = {}): ChatCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [first, ...args] = words;
  if (!first) return { verb: 'help' };
  const verb = first.toLowerCase();
  const rest = (from: number) => args.slice(from).join(' ') || undefined;
  const need = (what: string): ChatCommand => ({ verb: 'help', problem: `\`${verb}\` needs ${what}, e.g. \`${example(verb)}\`` });
  const extra = (usage: string): ChatCommand => ({ verb: 'help', problem: `too many words after \`${verb}\`: the form is \`${usage}\`` });

  switch (verb) {
    case 'help':
    case '?':
      return { verb: 'help' };
    case 'list':
      return args.length === 0 ? { verb: 'list' } : extra('list');
    case 'sync':
      if (args[0]?.toLowerCase() === 'all') return args.length === 1 ? { verb: 'sync_all' } : extra('sync all');
      return named('sync', args, need, extra);
    case 'test':
    case 'enable':
    case 'delete':
    case 'history':
      return named(verb, args, need, extra);
    case 'disable':
      if (!args[0]) return need('an integration name');
      return { verb: 'disable', name: args[0], ...(rest(1) && { reason: rest(1) }) };
    case 'pending':
      if (args.length > 1) return extra('pending [<name>]');
      return args[0] ? { verb: 'pending', name: args[0] } : { verb: 'pending' };
    case 'approve':
      if (!args[0]) return need('a request id');
      return args.length === 1 ? { verb: 'approve', id: args[0] } : extra('approve <id>');
    case 'reject':
      if (!args[0]) return need('a request id');
      return { verb: 'reject', id: args[0], ...(rest(1) && { note: rest(1) }) };
    case 'alerts': {
      const mode = (args[0] ?? 'status').toLowerCase();
      if (args.length > 1 || (mode !== 'here' && mode !== 'off' && mode !== 'status')) {
        return { verb: 'help', problem: '`alerts` takes `here` (send alerts to this channel) or `off`' };
      }
      return { verb: 'alerts', mode };
    }
    case 'roles':
      return roles(args, opts);
    default: {
      const close = closestNames(verb, VERBS, 2);
      const hint = close.length > 0 ? ` Did you mean ${close.map((v) => `\`${v}\``).join(' or ')}?` : '';
      return { verb: 'help', problem: `\`${first}\` is not a dirsync command.${hint}` };
    }
  }
}

function named(
  verb: (typeof NAMED)[number],
  args: string[],
  need: (what: string) => ChatCommand,
  extra: (usage: string) => ChatCommand,
): ChatCommand {
  if (!args[0]) return need('an integration name');
  if (args.length > 1) return extra(`${verb} <name>`);
  return { verb, name: args[0] } as ChatCommand;
}

function roles(args: string[], opts: GrammarOptions): ChatCommand {
  const action = (args[0] ?? 'list').toLowerCase();
  const identity = (token: string | undefined) => (token ? (opts.mention?.(token) ?? token) : undefined);
  if (action === 'list' && args.length <= 1) return { verb: 'roles', action: 'list' };
  if (action === 'grant') {
    const who = identity(args[1]);
    const role = args[2]?.toLowerCase();
    if (!who || !role || args.length > 3 || !(ROLES as readonly string[]).includes(role)) {
      return { verb: 'help', problem: `the form is \`roles grant <@person or platform:id> <${ROLES.join('|')}>\`` };
    }
    return { verb: 'roles', action: 'grant', identity: who, role: role as Role };
  }
  if (action === 'revoke') {
    const who = identity(args[1]);
    if (!who || args.length > 2) return { verb: 'help', problem: 'the form is `roles revoke <@person or platform:id>`' };
    return { verb: 'roles', action: 'revoke', identity: who };
  }
  return { verb: 'help', problem: '`roles` takes `list`, `grant <who> <role>` or `revoke <who>`' };
}

function example(verb: string): string {
  if (verb === 'approve' || verb === 'reject') return `${verb} 12`;
  return `${verb} corp-ad`;
}
