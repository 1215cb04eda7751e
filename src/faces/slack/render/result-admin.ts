import { ALERT_KINDS_TEXT, ROLES_FOOTER } from '../../../presenters/words.ts';
import type { ChatResult } from '../../chat/run-chat-command.ts';
import { ROLES } from '../../../core/roles.ts';
import type { SlackMessage } from '../actions.ts';
import { code, context, listWithMore, message, section, sections, when, who } from './blocks.ts';
import { channelRef, num } from './words.ts';

type Destination = Extract<ChatResult, { verb: 'alerts' }>['destination'];
type DestinationStatus = Extract<ChatResult, { verb: 'alerts_status' }>['status'];
type Roles = Extract<ChatResult, { verb: 'roles' }>['roles'];
type Granted = Extract<ChatResult, { verb: 'role_granted' }>['grant'];
type Revoked = Extract<ChatResult, { verb: 'role_revoked' }>['revoke'];

const PLATFORM_NAME: Record<string, string> = { slack: 'Slack', teams: 'Teams' };
const platformName = (p: string) => PLATFORM_NAME[p] ?? p;


/** `alerts here|off`. */
export function renderAlertDestination(d: Destination): SlackMessage {
  if (d.mode === 'here' && d.channel) {
    const text = `Alerts for this account will be posted in ${channelRef(d.platform, d.channel)}`;
    return message(text, [section(`🔔 ${text}: ${ALERT_KINDS_TEXT}.`), context(`${code('/dirsync alerts off')} stops them.`)]);
  }
  const text = `Alerts are off on ${platformName(d.platform)}`;
  return message(text, [section(`🔕 ${text}.`), context(`${code('/dirsync alerts here')} in a channel sends them there.`)]);
}

/** `alerts`: where this platform's alerts go now. */
export function renderAlertStatus(s: DestinationStatus): SlackMessage {
  const by = s.setBy ? ` (set by ${who(s.setBy)}${s.setAt ? ` ${when(s.setAt)}` : ''})` : '';
  if (s.stored && s.channel) {
    const text = `Alerts for this account go to ${channelRef(s.platform, s.channel)}`;
    return message(text, [section(`🔔 ${text}${by}: ${ALERT_KINDS_TEXT}.`), context(`${code('/dirsync alerts here')} moves them to the channel you say it in; ${code('/dirsync alerts off')} stops them.`)]);
  }
  if (s.stored) {
    const text = `Alerts are off on ${platformName(s.platform)}`;
    return message(text, [section(`🔕 ${text}${by}.`), context(`${code('/dirsync alerts here')} in a channel sends them there.`)]);
  }
  const text = `Alert channel on ${platformName(s.platform)}: not set here`;
  return message(text, [
    section(`🔕 ${text}. Alerts go to the default channel dirsync was configured with, if there is one.`),
    context(`${code('/dirsync alerts here')} in a channel sends them there.`),
  ]);
}

/** `roles`: who holds which role; admins first, since they are whom people need to find. */
export function renderRoles({ bindings }: Roles): SlackMessage {
  if (bindings.length === 0) {
    return message('No roles granted: everyone is a viewer', [
      section(`No roles granted: everyone in chat and on the dashboard is a viewer. An admin grants one with ${code('/dirsync roles grant @person operator')}, or on the CLI with ${code('dirsync roles grant slack:U0123ABCD admin')}.`),
      context(ROLES_FOOTER),
    ]);
  }
  const rank = (role: string) => -ROLES.indexOf(role as (typeof ROLES)[number]);
  const sorted = [...bindings].sort((a, b) => rank(a.role) - rank(b.role) || a.identity.localeCompare(b.identity));
  const lines = listWithMore(sorted, 40, (b) => `• ${who(b.identity)} — *${b.role}* (granted by ${who(b.grantedBy)} ${when(b.grantedAt)})`, { budget: 9000 });
  return message(`${num(bindings.length)} role bindings`, [
    ...sections([`*Roles in this account* (anyone not listed is a viewer)`, ...lines]),
    context(ROLES_FOOTER),
  ]);
}

export function renderRoleGranted(g: Granted): SlackMessage {
  const was = g.previous === null ? 'was a viewer by default' : g.previous === g.role ? 'unchanged' : `was ${g.previous}`;
  const text = `${who(g.identity)} is now ${g.role} (${was})`;
  return message(text, [section(`✅ ${who(g.identity)} is now *${g.role}* (${was}).`), context(ROLES_FOOTER)]);
}

export function renderRoleRevoked(r: Revoked): SlackMessage {
  const text = `${who(r.identity)} no longer has the ${r.previous} role`;
  return message(text, [section(`✅ ${text}: a viewer now, like everyone without a role.`), context(ROLES_FOOTER)]);
}
