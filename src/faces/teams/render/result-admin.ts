import type { ChatResult } from '../../chat/run-chat-command.ts';
import { ROLES } from '../../../core/roles.ts';
import { ALERT_KINDS_TEXT, num, PLATFORM_NAME, ROLES_FOOTER } from '../../../presenters/words.ts';
import type { TeamsMessage } from '../verbs.ts';
import { bot, cmd, lines, listWithMore, message, note, safe, short, text, when, who, type RenderOptions } from './card.ts';

type Destination = Extract<ChatResult, { verb: 'alerts' }>['destination'];
type DestinationStatus = Extract<ChatResult, { verb: 'alerts_status' }>['status'];
type Roles = Extract<ChatResult, { verb: 'roles' }>['roles'];
type Granted = Extract<ChatResult, { verb: 'role_granted' }>['grant'];
type Revoked = Extract<ChatResult, { verb: 'role_revoked' }>['revoke'];

const platformName = (p: string) => PLATFORM_NAME[p] ?? p;

/** A stored destination in words: Teams conversation ids mean nothing to people, so they are only a last resort. */
function channelRef(platform: string, channel: string): string {
  return platform === 'slack' ? `Slack channel ${safe(channel)}` : `the ${safe(platformName(platform))} conversation ${safe(short(channel, 80))}`;
}

/** `alerts here|off`: "here" is the conversation the command was typed in. */
export function renderAlertDestination(d: Destination): TeamsMessage {
  if (d.mode === 'here' && d.channel) {
    const where = d.platform === 'teams' ? 'this conversation' : channelRef(d.platform, d.channel);
    const said = `Alerts for this account will be posted in ${where}`;
    return message(said, [text(`🔔 ${said}: ${ALERT_KINDS_TEXT}.`), note(`${bot('alerts off')} stops them.`)]);
  }
  const said = `Alerts are off on ${safe(platformName(d.platform))}`;
  return message(said, [text(`🔕 ${said}.`), note(`${bot('alerts here')} in a channel sends them there.`)]);
}

/** `alerts`: where this platform's alerts go now. */
export function renderAlertStatus(s: DestinationStatus, opts: RenderOptions = {}): TeamsMessage {
  const by = s.setBy ? ` (set by ${who(s.setBy, opts.names)}${s.setAt ? ` ${when(s.setAt)}` : ''})` : '';
  if (s.stored && s.channel) {
    const said = `Alerts for this account go to ${channelRef(s.platform, s.channel)}`;
    return message(said, [text(`🔔 ${said}${by}: ${ALERT_KINDS_TEXT}.`), note(`${bot('alerts here')} moves them to the channel you say it in; ${bot('alerts off')} stops them.`)]);
  }
  if (s.stored) {
    const said = `Alerts are off on ${safe(platformName(s.platform))}`;
    return message(said, [text(`🔕 ${said}${by}.`), note(`${bot('alerts here')} in a channel sends them there.`)]);
  }
  const said = `Alert channel on ${safe(platformName(s.platform))}: not set here`;
  return message(said, [
    text(`🔕 ${said}. Alerts go to the default channel dirsync was configured with, if there is one.`),
    note(`${bot('alerts here')} in a channel sends them there.`),
  ]);
}

/** `roles`: who holds which role; admins first, since they are whom people need to find. */
export function renderRoles({ bindings }: Roles, opts: RenderOptions = {}): TeamsMessage {
  if (bindings.length === 0) {
    return message('No roles granted: everyone is a viewer', [
      text(`No roles granted: everyone in chat and on the dashboard is a viewer. An admin grants one with ${bot('roles grant @person operator')}, or on the CLI with ${cmd('dirsync roles grant teams:<aad object id> admin')}.`),
      note(ROLES_FOOTER),
    ]);
  }
  const rank = (role: string) => -ROLES.indexOf(role as (typeof ROLES)[number]);
  const sorted = [...bindings].sort((a, b) => rank(a.role) - rank(b.role) || a.identity.localeCompare(b.identity));
  const entries = listWithMore(sorted, 40, (b) => `• ${who(b.identity, opts.names)} — **${safe(b.role)}** (granted by ${who(b.grantedBy, opts.names)} ${when(b.grantedAt)})`, { budget: 18_000 });
  return message(`${num(bindings.length)} role bindings`, [lines(['**Roles in this account** (anyone not listed is a viewer)', ...entries]), note(ROLES_FOOTER)]);
}

export function renderRoleGranted(g: Granted, opts: RenderOptions = {}): TeamsMessage {
  const was = g.previous === null ? 'was a viewer by default' : g.previous === g.role ? 'unchanged' : `was ${g.previous}`;
  const person = who(g.identity, opts.names);
  return message(`${person} is now ${g.role} (${was})`, [text(`✅ ${person} is now **${safe(g.role)}** (${safe(was)}).`), note(ROLES_FOOTER)]);
}

export function renderRoleRevoked(r: Revoked, opts: RenderOptions = {}): TeamsMessage {
  const said = `${who(r.identity, opts.names)} no longer has the ${safe(r.previous)} role`;
  return message(said, [text(`✅ ${said}: a viewer now, like everyone without a role.`), note(ROLES_FOOTER)]);
}
