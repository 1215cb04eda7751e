import { addWebUser } from '../../commands/web-user/add.ts';
import { listWebUsers } from '../../commands/web-user/list.ts';
import { removeWebUser } from '../../commands/web-user/remove.ts';
import { setWebPassword } from '../../commands/web-user/set-password.ts';
import { parseFlags, positionals } from './args.ts';
import { USERS_HELP } from './help.ts';
import { UsageError, type CliIo } from './io.ts';
import { readPassword } from './read-inputs.ts';
import { table, when } from './render.ts';
import { help, print, type Handler } from './session.ts';

const FLAGS = {
  role: { type: 'string' },
  'password-env': { type: 'string' },
  'password-stdin': { type: 'boolean' },
  // Declared only to refuse it with an explanation (see readPassword).
  password: { type: 'string' },
} as const;

/** `dirsync users list|add|remove|passwd`: who can sign in to the dashboard. */
export const users: Handler = async (args, session) => {
  const [sub, ...rest] = args[0]?.startsWith('-') && args[0] !== '-h' && args[0] !== '--help' ? ['list', ...args] : args;
  if (sub === 'help' || sub === '--help' || sub === '-h') return help(session, USERS_HELP);
  const { values, positionals: pos } = parseFlags(rest, FLAGS, USERS_HELP);
  if (values.help) return help(session, USERS_HELP);
  if (sub !== 'add' && values.role !== undefined) throw new UsageError('--role is for "users add" (change a role with: dirsync roles grant web:<login> <role>)', USERS_HELP);
  if (sub === 'list' || sub === undefined) {
    positionals(pos, [], USERS_HELP);
    const result = await listWebUsers({ ctx: await session.context(), input: {} });
    print(session, result, () =>
      result.users.length === 0
        ? 'No dashboard users yet. Add one with: dirsync users add <login> --role admin (the password is read from standard input)\n'
        : table(['LOGIN', 'ROLE', 'CREATED BY', 'CREATED AT'], result.users.map((u) => [u.login, u.role ?? 'viewer (no role)', u.createdBy, when(u.createdAt)])),
    );
    return 0;
  }
  if (sub === 'add') {
    const [login] = positionals(pos, ['login'], USERS_HELP);
    if (values.role === undefined) throw new UsageError('missing --role viewer|operator|admin', USERS_HELP);
    const password = await newPassword(values, session.io, login!);
    const result = await addWebUser({ ctx: await session.context(), input: { login: login!, role: values.role as never, password } });
    print(session, result, () => `Dashboard user ${result.login} added as ${result.role}.\n`);
    return 0;
  }
  if (sub === 'remove') {
    const [login] = positionals(pos, ['login'], USERS_HELP);
    const result = await removeWebUser({ ctx: await session.context(), input: { login: login! } });
    print(session, result, () => `Dashboard user ${result.login} removed${result.sessionsEnded > 0 ? `; ${result.sessionsEnded} session(s) ended` : ''}.\n`);
    return 0;
  }
  if (sub === 'passwd') {
    const [login] = positionals(pos, ['login'], USERS_HELP);
    const password = await newPassword(values, session.io, login!);
    const result = await setWebPassword({ ctx: await session.context(), input: { login: login!, password } });
    print(session, result, () => `Password of ${result.login} changed${result.sessionsEnded > 0 ? `; ${result.sessionsEnded} session(s) signed out` : ''}.\n`);
    return 0;
  }
  throw new UsageError(`unknown sub-command "users ${sub}"`, USERS_HELP);
};

/** From standard input unless --password-env names a variable; typed twice on a terminal, since it is not echoed. */
async function newPassword(values: { 'password-env'?: string; 'password-stdin'?: boolean; password?: string }, io: CliIo, login: string): Promise<string> {
  const fromStdin = values['password-env'] === undefined;
  const password = (await readPassword({ ...values, 'password-stdin': fromStdin || values['password-stdin'] }, io, `Password for ${login}: `)) ?? '';
  if (fromStdin && io.stdinIsTty && io.promptHidden && (await io.promptHidden('Again: ')) !== password) {
    throw new UsageError('the two passwords differ; nothing was changed');
  }
  return password;
}
