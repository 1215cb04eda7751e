import { usageText } from '../../core/command-grammar.ts';
import { entriesFor, type Entry } from '../../commands/registry.ts';
import type { Option } from '../../commands/face-spec.ts';
import { optionsOf } from './options.ts';

/**
 * The CLI's help, made from the command registry (every command's words, arguments and options)
 * plus the few built-ins that are not commands (start, agent, migrate, slack, teams, version).
 */

const BUILT_INS: [string, string][] = [
  ['start', 'Apply migrations and serve HTTP (dashboard, health) on HOST:PORT'],
  ['agent', 'Run syncs from the Postgres queue, with no port of its own (beside the directory)'],
  ['migrate', 'Apply database migrations and exit'],
];
const TOOLS: [string, string][] = [
  ['slack manifest', 'Print the Slack app manifest for this deployment'],
  ['teams package', 'Build the Teams app package (manifest zip) for this deployment'],
  ['version', 'Print the version'],
];

/** Groups of sub-commands, with what `dirsync <group>` is about. */
export const GROUPS: Record<string, string> = {
  integrations: 'Manage directory integrations',
  account: 'Show or change account settings (time zone, thresholds)',
  roles: 'Who may do what in chat and on the dashboard (viewer, operator, admin)',
  users: 'Dashboard sign-in: logins and passwords',
};

const WIDTH = 100;
/** A space that wrap() does not break at: `[--tls MODE]` stays on one line. */
const KEEP = '\u00a0';

/** Words wrapped at WIDTH, continuation lines indented by `indent` spaces. */
function wrap(text: string, indent: number, first = indent): string {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const room = WIDTH - (lines.length === 0 ? first : indent);
    if (current && current.length + 1 + word.length > room) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  lines.push(current);
  return lines.join(`\n${' '.repeat(indent)}`).replaceAll(KEEP, ' ');
}

const line = (left: string, right: string) =>
  left.length < 30 ? `  ${left.padEnd(30)}${wrap(right, 32)}` : `  ${left}\n  ${' '.repeat(30)}${wrap(right, 32)}`;

/** Every way the CLI reads an entry: its words and its aliases. */
export function pathsOf(entry: Entry): string[][] {
  return [entry.words, ...(entry.spec.aliases ?? []).map((a) => a.split(' '))].map((p) => [...p]);
}

export function topHelp(): string {
  const commands = entriesFor('cli').map((e) => line(usageText(e), e.spec.summary));
  return `dirsync — sync LDAP / Active Directory into Postgres, with chat-ops

Usage: dirsync <command> [options]

Commands:
${[...BUILT_INS.map(([l, r]) => line(l, r)), ...commands, ...TOOLS.map(([l, r]) => line(l, r))].join('\n')}

Options (every command):
  --json        Machine-readable output on stdout (stable camelCase keys)
  --actor NAME  Who acts, for the audit log and four-eyes approvals (default: cli:<os user>)
  -h, --help    Help for the command

Exit codes: 0 success, 1 the command ran and reports a failure, 2 bad input or usage.
Configuration comes from the environment; see the README (DATABASE_URL, DIRSYNC_DATA_DIR,
DIRSYNC_SECRET_KEY, HOST, PORT, LOG_LEVEL, DIRSYNC_WORKERS, DIRSYNC_SCHEDULER, DIRSYNC_ADMINS,
DIRSYNC_PUBLIC_URL, SLACK_*, MICROSOFT_APP_*).
`;
}

/** `integrations add <name> --kind KIND … [--tls MODE]`: the words, arguments and options on one line. */
export function synopsis(entry: Entry): string {
  const options = optionsOf(entry).map((o) => {
    const shown = o.kind === 'secret' ? secretForms(o).join(' | ') : optionForm(o);
    return o.required ? (o.kind === 'secret' ? `(${shown})` : shown) : `[${shown}]`;
  });
  return [usageText({ words: entry.words, args: entry.args.filter((a) => !a.rest) }), ...options.map((o) => o.replaceAll(' ', KEEP))].join(' ');
}

const optionForm = (o: Option) => `--${o.name}${o.kind === 'flag' ? '' : ` ${o.value ?? 'VALUE'}`}`;
/** A secret is never an argument: a variable's name, or standard input. */
const secretForms = (o: Option) => (o.stdinByDefault ? [`--${o.name}-env VAR`] : [`--${o.name}-env VAR`, `--${o.name}-stdin`]);

export function commandHelp(entry: Entry): string {
  // The other ways to say it: aliases, and the command's other forms (`sync all` beside `sync <name>`).
  const forms = [
    ...(entry.spec.aliases ?? []).map((a) => [a, ...synopsis(entry).split(' ').slice(entry.words.length)].join(' ')),
    ...entriesFor('cli').filter((e) => e.name === entry.name && e !== entry).map(synopsis),
  ];
  const also = forms.map((f) => `       dirsync ${wrap(f, 15, 15)}\n`).join('');
  const options = optionsOf(entry).map((o) => {
    return o.kind === 'secret' ? secretForms(o).map((form) => `${line(form, o.help)}\n`).join('') : `${line(optionForm(o), o.help)}\n`;
  });
  return `Usage: dirsync ${wrap(`${synopsis(entry)} [--json]`, 15, 15)}
${also}
${entry.spec.summary}.${entry.spec.details ? `\n\n${entry.spec.details}` : ''}
${options.length ? `\nOptions:\n${options.join('')}` : ''}`;
}

/** `dirsync integrations`: the sub-commands of a group, each with its options. */
export function groupHelp(group: string): string {
  const members = entriesFor('cli').filter((e) => pathsOf(e).some((p) => p[0] === group));
  const lines = members.map((e) => {
    const path = pathsOf(e).find((p) => p[0] === group)!;
    return `  dirsync ${wrap([...path, ...synopsis(e).split(' ').slice(e.words.length)].join(' '), 6, 10)}\n      ${wrap(e.spec.summary, 6)}`;
  });
  return `Usage: dirsync ${group} <sub-command> [options]

${GROUPS[group] ?? ''}

Sub-commands:
${lines.join('\n')}

dirsync ${group} <sub-command> --help says more about each.
`;
}
