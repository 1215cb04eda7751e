import { didYouMean } from '../../core/suggest.ts';
import { entriesFor, inputOf, runEntry, type Entry } from '../../commands/registry.ts';
import { COMMAND_TEXTS } from './command-texts.ts';
import { commandHelp, groupHelp, GROUPS, pathsOf, topHelp } from './help.ts';
import { UsageError } from './io.ts';
import { optionsOf, readCommandLine } from './options.ts';
import { json } from './render.ts';
import { plainText } from '../../presenters/plain-text.ts';
import { help, print, type CliSession } from './session.ts';
import { runSync } from './sync-cli.ts';
import { runTest } from './test-cli.ts';

/** Commands the terminal runs its own way: a sync runs (or is followed) here, a test shows stages live. */
const RUNS: Record<string, (input: Record<string, unknown>, session: CliSession) => Promise<number>> = {
  'sync.request': runSync,
  'integration.test': runTest,
};

const HELP_WORDS = new Set(['help', '--help', '-h']);

/**
 * Commands that only read (and `test`, which records no more than its result): run where no
 * data folder is, they say where they looked instead of starting an empty database there.
 */
export const READS_ONLY = new Set([
  'account.show', 'account.show_overview', 'alert.list', 'alert.show_destination', 'approval.list', 'audit.list', 'change.list_pending',
  'integration.list', 'integration.show', 'integration.test', 'role.list', 'role.whoami', 'sync.history', 'web_user.list',
]);

/**
 * `dirsync <words> [arguments] [options]` → the registry entry whose words come first (the
 * longest match), its arguments and options read by the entry's spec, its command run, its
 * result printed. Every CLI command comes from the registry; none is listed here.
 */
export async function dispatch(argv: string[], session: CliSession): Promise<number> {
  const found = findEntry(argv);
  if (!found) return unknown(argv, session);
  const { entry, rest } = found;
  const usage = commandHelp(entry);
  const next = rest[0];
  const group = GROUPS[argv[0]!] ? argv[0]! : null;
  // `dirsync users --help`: the group's help, though `dirsync users` alone lists.
  if (group && argv.length === 2 && HELP_WORDS.has(next ?? '')) return help(session, groupHelp(group));
  // `dirsync roles bogus`: a word where a sub-command was meant, not an argument.
  if (next !== undefined && !next.startsWith('-') && entry.args.length === 0 && GROUPS[entry.words[0]!]) {
    if (next === 'help') return help(session, groupHelp(entry.words[0]!));
    throw unknownSubCommand(entry.words[0]!, next);
  }
  const { help: wantsHelp, values } = await readCommandLine(entry, rest, session.io, usage).catch((e: unknown) => {
    throw elsewhere(e, entry) ?? e;
  });
  if (wantsHelp) return help(session, usage);
  const input = inputOf(entry, values);
  const mode = READS_ONLY.has(entry.name) ? 'existing' : 'create';
  const bound: CliSession = { ...session, context: () => session.context(mode) };
  const run = RUNS[entry.name];
  if (run) return run(input, bound);
  const result = await runEntry(entry, await bound.context(), input);
  print(session, result, () => textOf(entry, result, input));
  return 0;
}

/** `users remove --role x`: an option of another command of the group says where it belongs. */
function elsewhere(e: unknown, entry: Entry): UsageError | null {
  const option = e instanceof UsageError ? /Unknown option '--([\w-]+)'/.exec(e.message)?.[1] : undefined;
  if (!option) return null;
  const owners = entriesFor('cli').filter((o) => o !== entry && o.words[0] === entry.words[0] && optionsOf(o).some((x) => x.name === option));
  if (owners.length === 0) return null;
  return new UsageError(`--${option} is for ${owners.map((o) => `"${o.words.join(' ')}"`).join(' and ')}, not "${entry.words.join(' ')}"`, (e as UsageError).hint);
}

function findEntry(argv: string[]): { entry: Entry; rest: string[] } | null {
  let best: { entry: Entry; length: number } | null = null;
  for (const entry of entriesFor('cli')) {
    for (const path of pathsOf(entry)) {
      if (path.every((w, i) => argv[i] === w) && path.length > (best?.length ?? 0)) best = { entry, length: path.length };
    }
  }
  return best && { entry: best.entry, rest: argv.slice(best.length) };
}

function unknown([first, second]: string[], session: CliSession): number {
  if (first && GROUPS[first]) {
    if (second === undefined) return help(session, groupHelp(first), 2);
    if (HELP_WORDS.has(second)) return help(session, groupHelp(first));
    throw unknownSubCommand(first, second);
  }
  const words = [...new Set(entriesFor('cli').flatMap((e) => pathsOf(e).map((p) => p[0]!)))];
  const hint = didYouMean(first ?? '', [...words, 'start', 'migrate', 'slack', 'teams', 'version']);
  throw new UsageError(`unknown command "${first}"${hint ? `.${hint}` : ''}`, topHelp());
}

/** `dirsync users ad`: the group's sub-commands, the closest first. */
function unknownSubCommand(group: string, word: string): UsageError {
  const subs = [...new Set(entriesFor('cli').flatMap((e) => pathsOf(e).filter((p) => p[0] === group && p[1]).map((p) => p[1]!)))];
  const hint = didYouMean(word, subs, (s) => `"${group} ${s}"`);
  return new UsageError(`unknown sub-command "${group} ${word}"${hint ? `.${hint}` : ''}`, groupHelp(group));
}

/** The CLI's own table where it has one, else what the command's presenter says. */
function textOf(entry: Entry, result: unknown, input: Record<string, unknown>): string {
  const text = COMMAND_TEXTS[entry.name];
  if (text) return text(result as never, input);
  if (entry.spec.present) return plainText(entry.spec.present(result, input));
  return json(result);
}
