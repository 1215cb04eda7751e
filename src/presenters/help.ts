import type { HelpEntry } from '../commands/registry.ts';
import type { CommandError } from '../core/errors.ts';
import { bold, code, command, italic, list, message, note, phrase, rich, text, type Message } from './message.ts';
import { ERROR_MARK, ERROR_TITLE, ROLES_FOOTER } from './words.ts';

/** The commands chat offers (the registry's CHAT_HELP); the grammar's problem (phrased for a person, with `code` marks) comes first. */
export function presentHelp(entries: readonly HelpEntry[], problem?: string): Message {
  const said = problem && rich`⚠️ ${phrase(problem)}`;
  return message(said || ['dirsync commands'], [
    ...(said ? [text(said, { tone: 'warning' })] : []),
    list(
      entries.map((e) => rich`${command(e.usage)} — ${e.summary} ${italic(`(${e.role})`)}`),
      { title: [bold('dirsync commands')] },
    ),
    note(['In a personal chat with dirsync, the @dirsync mention is not needed: type the command alone.'], 'teams'),
    note([ROLES_FOOTER]),
  ]);
}

/** A command that failed: the code as words, the message, and each invalid field with its fix. */
export function presentError(error: CommandError): Message {
  const issues = error.issues.map((i) => rich`• ${code(i.field)}: ${phrase(i.message)}${i.fix !== undefined && rich` — use ${code(i.fix)}`}`);
  const hint =
    error.code === 'forbidden'
      ? [note(rich`${ROLES_FOOTER}. ${command('roles')} shows who holds which.`)]
      : error.code === 'internal'
        ? [note(['The details were logged on the dirsync server.'])]
        : [];
  return message(rich`${ERROR_TITLE[error.code]}: ${phrase(error.message)}`, [
    text(rich`${ERROR_MARK[error.code]} ${bold(ERROR_TITLE[error.code])}: ${phrase(error.message)}`, { tone: error.code === 'internal' ? 'bad' : 'neutral' }),
    ...(issues.length > 0 ? [list(issues, { max: 20 })] : []),
    ...hint,
  ]);
}
