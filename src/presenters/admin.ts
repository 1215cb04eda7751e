import { ROLES } from '../core/roles.ts';
import type { AlertDestinationSet as Destination } from '../commands/alert/set-destination.ts';
import type { AlertDestinationStatus as DestinationStatus } from '../commands/alert/show-destination.ts';
import type { RoleGranted as Granted } from '../commands/role/grant.ts';
import type { RoleList as Roles } from '../commands/role/list.ts';
import type { RoleRevoked as Revoked } from '../commands/role/revoke.ts';
import { at, bold, channel, code, command, list, message, note, rich, text, who, type Message } from './message.ts';
import { ALERT_KINDS_TEXT, num, PLATFORM_NAME, ROLES_FOOTER } from './words.ts';


const platformName = (p: string) => PLATFORM_NAME[p] ?? p;
const sendHere = note(rich`${command('alerts here')} in a channel sends them there.`);

/** `alerts here|off`: "here" is the conversation the command was typed in. */
export function presentAlertDestination(d: Destination): Message {
  if (d.mode === 'here' && d.channel) {
    const said = rich`Alerts for this account will be posted in ${channel(d.platform, d.channel, true)}`;
    return message(said, [text(rich`🔔 ${said}: ${ALERT_KINDS_TEXT}.`), note(rich`${command('alerts off')} stops them.`)]);
  }
  const said = rich`Alerts are off on ${platformName(d.platform)}`;
  return message(said, [text(rich`🔕 ${said}.`), sendHere]);
}

/** `alerts`: where this platform's alerts go now. */
export function presentAlertStatus(s: DestinationStatus): Message {
  const by = s.setBy && rich` (set by ${who(s.setBy)}${s.setAt && rich` ${at(s.setAt)}`})`;
  if (s.stored && s.channel) {
    const said = rich`Alerts for this account go to ${channel(s.platform, s.channel)}`;
    return message(said, [text(rich`🔔 ${said}${by}: ${ALERT_KINDS_TEXT}.`), note(rich`${command('alerts here')} moves them to the channel you say it in; ${command('alerts off')} stops them.`)]);
  }
  if (s.stored) {
    const said = rich`Alerts are off on ${platformName(s.platform)}`;
    return message(said, [text(rich`🔕 ${said}${by}.`), sendHere]);
  }
  const said = rich`Alert channel on ${platformName(s.platform)}: not set here`;
  return message(said, [text(rich`🔕 ${said}. Alerts go to the default channel dirsync was configured with, if there is one.`), sendHere]);
}

/** `roles`: who holds which role; admins first, since they are whom people need to find. */
export function presentRoles({ bindings }: Roles): Message {
  if (bindings.length === 0) {
    return message(['No roles granted: everyone is a viewer'], [
      text(
        rich`No roles granted: everyone in chat and on the dashboard is a viewer. An admin grants one with ${command('roles grant @person operator')}, or on the CLI with ${code('dirsync roles grant <identity> admin')} (slack:<user id>, teams:<Entra object id> or web:<login>).`,
      ),
      note([ROLES_FOOTER]),
    ]);
  }
  const rank = (role: string) => -ROLES.indexOf(role as (typeof ROLES)[number]);
  const sorted = [...bindings].sort((a, b) => rank(a.role) - rank(b.role) || a.identity.localeCompare(b.identity));
  return message(rich`${num(bindings.length)} role bindings`, [
    list(
      sorted.map((b) => rich`• ${who(b.identity)} — ${bold(b.role)} (granted by ${who(b.grantedBy)} ${at(b.grantedAt)})`),
      { title: rich`${bold('Roles in this account')} (anyone not listed is a viewer)`, max: 40 },
    ),
    note([ROLES_FOOTER]),
  ]);
}

export function presentRoleGranted(g: Granted): Message {
  const was = g.previous === null ? 'was a viewer by default' : g.previous === g.role ? 'unchanged' : `was ${g.previous}`;
  return message(rich`${who(g.identity)} is now ${g.role} (${was})`, [text(rich`✅ ${who(g.identity)} is now ${bold(g.role)} (${was}).`), note([ROLES_FOOTER])]);
}

export function presentRoleRevoked(r: Revoked): Message {
  const said = rich`${who(r.identity)} no longer has the ${r.previous} role`;
  return message(said, [text(rich`✅ ${said}: a viewer now, like everyone without a role.`), note([ROLES_FOOTER])]);
}
