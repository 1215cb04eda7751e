import { grantRole } from '../../commands/role/grant.ts';
import { listRoles } from '../../commands/role/list.ts';
import { revokeRole } from '../../commands/role/revoke.ts';
import { parseFlags, positionals } from './args.ts';
import { ROLES_HELP } from './help.ts';
import { UsageError } from './io.ts';
import { table } from './render.ts';
import { help, print, type Handler } from './session.ts';

/** `dirsync roles list|grant|revoke`: who may do what in chat and on the dashboard. */
export const roles: Handler = async (args, session) => {
  // `dirsync roles --json` lists: the sub-command is optional.
  const [sub, ...rest] = args[0]?.startsWith('-') && args[0] !== '-h' && args[0] !== '--help' ? ['list', ...args] : args;
  if (sub === 'help' || sub === '--help' || sub === '-h') return help(session, ROLES_HELP);
  const { values, positionals: pos } = parseFlags(rest, {}, ROLES_HELP);
  if (values.help) return help(session, ROLES_HELP);
  if (sub === 'list' || sub === undefined) {
    positionals(pos, [], ROLES_HELP);
    const result = await listRoles({ ctx: await session.context(), input: {} });
    print(session, result, () =>
      result.bindings.length === 0
        ? 'No roles granted: everyone in chat and on the dashboard is a viewer. Grant one with: dirsync roles grant slack:U0123ABCD admin\n'
        : table(['IDENTITY', 'ROLE', 'GRANTED BY', 'GRANTED AT'], result.bindings.map((b) => [b.identity, b.role, b.grantedBy, b.grantedAt])),
    );
    return 0;
  }
  if (sub === 'grant') {
    const [identity, role] = positionals(pos, ['identity', 'role'], ROLES_HELP);
    const result = await grantRole({ ctx: await session.context(), input: { identity: identity!, role: role as never } });
    print(session, result, () => `${result.identity} is now ${result.role}${result.previous && result.previous !== result.role ? ` (was ${result.previous})` : ''}.\n`);
    return 0;
  }
  if (sub === 'revoke') {
    const [identity] = positionals(pos, ['identity'], ROLES_HELP);
    const result = await revokeRole({ ctx: await session.context(), input: { identity: identity! } });
    print(session, result, () => `${result.identity} is no longer ${result.previous}; without a role they are a viewer.\n`);
    return 0;
  }
  throw new UsageError(`unknown sub-command "roles ${sub}"`, ROLES_HELP);
};
