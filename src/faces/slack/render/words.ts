import * as chat from '../../../presenters/words.ts';
import type { RunTrigger } from '../../../core/sync.ts';
import { escape, who } from './blocks.ts';

/**
 * Wording for the Slack renderers. The phrasing itself is shared with the other chat faces
 * (`adapters/chat/words.ts`); what stays here binds it to Slack's mentions and mrkdwn.
 */
export {
  STATE_MARK,
  RUN_MARK,
  num,
  plural,
  totalOf,
  byKindText,
  byKindLines,
  impactText,
  approvalSubject,
  stateWords,
  seconds,
  age,
  daysBetween,
  expiryWords,
} from '../../../presenters/words.ts';

const bold = (name: string) => `*${escape(name)}*`;

/** "scheduled", "manual by <@U1>", "sync all by cli:alice". */
export function triggerWords(trigger: RunTrigger, actor: string): string {
  return chat.triggerWords(trigger, actor, who);
}

/** "*corp-old* is" / "*corp-old*, *lab* are": the integrations a held change waits for. */
export function blockerNames(names: string[]): string {
  return chat.blockerNames(names, bold);
}

/** "*a*, *b*, *c* and 4 more": names inside a sentence, which cannot grow without bound. */
export function nameList(names: string[], max = 5): string {
  return chat.nameList(names, max, bold);
}

/** A chat channel as a link in Slack; other platforms' conversation ids as text. */
export function channelRef(platform: string, channel: string): string {
  return platform === 'slack' && /^[CGD][A-Z0-9]+$/i.test(channel) ? `<#${channel.toUpperCase()}>` : escape(channel);
}
