import type { CommandContext, CommandDeps } from '../../commands/context.ts';
import { resolveActor } from '../../commands/internal/resolve-actor.ts';

export interface SlackRequester {
  userId: string;
  userName?: string;
  channel: string;
}

/**
 * The command context for one Slack request: the workspace maps to the account, the person to
 * their role in it (viewer unless granted), the channel to the origin of anything it raises.
 */
export async function slackContext(deps: CommandDeps, accountId: string, who: SlackRequester): Promise<CommandContext> {
  const actor = await resolveActor(deps.store, accountId, { platform: 'slack', id: who.userId, ...(who.userName && { displayName: who.userName }) });
  return { ...deps, actor, accountId, origin: { platform: 'slack', channel: who.channel } };
}

/** `<@U024BE7LH|bob>` or `<@U024BE7LH>` (how Slack escapes a mention) → `slack:U024BE7LH`. */
export function slackMention(token: string): string | null {
  const m = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(token);
  return m ? `slack:${m[1]}` : null;
}
