import type { WhoAmI } from '../commands/role/whoami.ts';
import type { Role } from '../core/roles.ts';
import { at, bold, code, command, message, rich, text, who, type Message } from './message.ts';

const MAY: Record<Role, string> = {
  viewer: 'read: list, show, pending, history, roles',
  operator: 'read, and test, sync, enable, disable, and request deletions',
  admin: 'do everything: also approve and reject, add and change integrations, grant roles, choose where alerts go',
};

/** A display name worth saying: not the identity's own id again (a dashboard login is both). */
const named = (w: WhoAmI) => w.displayName !== null && `${w.identity.split(':')[0]}:${w.displayName}` !== w.identity;

/** `whoami`: the identity dirsync acts for, the role it has here and where that role comes from. */
export function presentWhoAmI(w: WhoAmI): Message {
  const source =
    w.source === 'granted'
      ? rich`granted by ${who(w.grantedBy!)}${w.grantedAt && rich` ${at(w.grantedAt)}`}`
      : w.source === 'default'
        ? rich`the default for anyone without a granted role; an admin grants more with ${command(`roles grant ${w.identity} operator`)}`
        : rich`the CLI acts as a trusted local admin on the dirsync server`;
  return message(rich`${who(w.identity)} (${w.role})`, [
    text([rich`dirsync knows you as ${code(w.identity)}${named(w) && ` (${w.displayName})`}.`]),
    text([rich`Your role in account ${bold(w.account)}: ${bold(w.role)} — ${source}.`, rich`${w.role === 'admin' ? 'An' : 'A'} ${w.role} may ${MAY[w.role]}.`]),
  ]);
}
